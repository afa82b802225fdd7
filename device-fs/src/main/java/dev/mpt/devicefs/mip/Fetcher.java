package dev.mpt.devicefs.mip;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Gets the bytes behind a URL ({@code http://}, {@code https://}) or a path on the host. */
public interface Fetcher {
    /**
     * The content at {@code url}.
     *
     * @param what what the content is, for the error message ("package", "file")
     */
    byte[] fetch(String url, String what) throws MipException;

    /** HTTP(S) with {@link HttpClient} (redirects followed, timeouts on connect and on each request); host files. */
    static Fetcher standard(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return (url, what) -> {
            if (!MipSource.isUrl(url)) {
                if (url.contains("\\")) {
                    throw new MipException("use '/' instead of '\\' in file paths: " + url);
                }
                try {
                    return Files.readAllBytes(Path.of(url));
                } catch (NoSuchFileException e) {
                    throw new MipException(what + " not found: " + url);
                } catch (IOException e) {
                    throw new MipException("cannot read " + url + ": " + e.getMessage());
                }
            }
            HttpResponse<byte[]> r;
            try {
                r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IllegalArgumentException e) {
                throw new MipException("bad URL: " + url);
            } catch (HttpTimeoutException e) {
                throw new MipException("no answer in " + timeout.toSeconds() + " s requesting " + url);
            } catch (ConnectException e) {
                throw new MipException("connection refused requesting " + url);
            } catch (IOException e) {
                throw new MipException((e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + " requesting " + url);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MipException("interrupted requesting " + url);
            }
            if (r.statusCode() == 404) {
                throw new MipException(what + " not found: " + url);
            }
            if (r.statusCode() / 100 != 2) {
                throw new MipException("error " + r.statusCode() + " requesting " + url);
            }
            return r.body();
        };
    }
}
