# Shared by the launchers in scripts/: find the runnable jar of this checkout, build it when
# it is missing or older than the sources, then run a main class from it.
#
#   source "$root/scripts/lib/launch.sh"; mpt_launch MAIN_CLASS ARGS...

# (parameter expansion instead of dirname, and no cksum|cut below: every process the launcher
# starts adds a few milliseconds to every command)
mpt_self="${BASH_SOURCE[0]}"   # the launchers resolve their own symlinks before sourcing this
mpt_root="$(cd "${mpt_self%/*}/../.." && pwd)"
mpt_jar="$mpt_root/cli/target/mpt.jar"

mpt_stale() {
    [ ! -f "$mpt_jar" ] && return 0
    [ -n "$(find "$mpt_root" \( -path "$mpt_root/.git" -o -name target \) -prune -o \
        \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -type f \
        -newer "$mpt_jar" -print -quit 2>/dev/null)" ]
}

mpt_build() {
    echo "mpt: building $(basename "$mpt_jar") (first run, or the sources changed)..." >&2
    # (jansi.noreset: Maven 3.8 otherwise writes colour resets even with style.color=never)
    if ! (cd "$mpt_root" && MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -q -B -ntp -Dstyle.color=never -Dmaven.test.skip=true -pl cli -am package) >&2; then
        echo "mpt: the build failed; run 'mvn -pl cli -am package' in $mpt_root to see why" >&2
        exit 1
    fi
}

# Class-data sharing: the first run after a build records the classes it loads into an
# archive next to the jar (one per JDK), later runs map it and start faster. MPT_CDS=0 turns
# it off.
mpt_cds_archive() {
    local java_bin key
    java_bin="$(command -v java)"
    java_bin="$(readlink -f "$java_bin")"
    key="${java_bin#/}"
    key="${key%/bin/java}"
    key="${key//[^A-Za-z0-9._-]/_}"
    printf '%s' "${mpt_jar%.jar}-$key.jsa"
}

mpt_launch() {
    local main="$1"
    shift
    if [ "${MPT_NO_BUILD:-}" != 1 ] && mpt_stale; then
        mpt_build
    fi
    # -XX:-UsePerfData: no hsperfdata file (jps/jstat cannot see mpt; it starts faster).
    # -XX:MarkSweepDeadRatio=0: a full collection frees all garbage (by default the serial
    # collector may leave up to 5% of the heap as uncompacted dead objects), so that the VM's
    # heap limit (-X heapsize) measures what a program really holds.
    local -a jvm=(-XX:+UseSerialGC -XX:MarkSweepDeadRatio=0 -Xshare:auto -XX:-UsePerfData)
    if [ "${MPT_CDS:-1}" = 1 ]; then
        local jsa
        jsa="$(mpt_cds_archive)"
        if [ -f "$jsa" ] && [ "$jsa" -nt "$mpt_jar" ]; then
            jvm+=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
        else
            # Record into a private file and move it into place, so that two first runs at
            # once cannot leave a half-written archive.
            local tmp="$jsa.$$"
            local status=0
            # ArchivePreload loads the classes of every command before running $main, so the
            # archive serves all commands, not just the one that happened to run first.
            # shellcheck disable=SC2086
            java "${jvm[@]}" -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off \
                ${MPT_JAVA_OPTS:-} -cp "$mpt_jar" dev.mpt.cli.ArchivePreload "$main" "$@" || status=$?
            if [ -s "$tmp" ]; then mv -f "$tmp" "$jsa"; else rm -f "$tmp"; fi
            exit "$status"
        fi
    fi
    # shellcheck disable=SC2086
    exec java "${jvm[@]}" ${MPT_JAVA_OPTS:-} -cp "$mpt_jar" "$main" "$@"
}
