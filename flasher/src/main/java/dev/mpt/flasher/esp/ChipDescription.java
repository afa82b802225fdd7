package dev.mpt.flasher.esp;

import java.util.List;

/**
 * What a chip says about itself through its registers and eFuses.
 *
 * @param chip      the family
 * @param model     "ESP32-D0WD-V3", or the family's name where mpt does not decode eFuses
 * @param revision  "v3.1", or "" when not decoded
 * @param features  "Wi-Fi", "BT", "Dual Core", "240MHz" …
 * @param crystalMhz 40 or 26, or 0 when not decoded
 * @param mac       "24:0a:c4:e5:31:7c", or "" when not decoded
 */
public record ChipDescription(Chip chip, String model, String revision, List<String> features, int crystalMhz,
        String mac) {
    public ChipDescription {
        features = List.copyOf(features);
    }

    /** "ESP32-D0WD-V3 (revision v3.1)". */
    public String oneLine() {
        return model + (revision.isEmpty() ? "" : " (revision " + revision + ")");
    }
}
