# Shared by the launchers in scripts/: find the runnable jar of this checkout, build it when
# it is missing or older than the sources, then run a main class from it.
#
#   source "$root/scripts/lib/launch.sh"; mpt_launch MAIN_CLASS ARGS...

# (parameter expansion instead of dirname, and no cksum|cut below: every process the launcher
# starts adds a few milliseconds to every command)
mpt_self="${BASH_SOURCE[0]}"   # the launchers resolve their own symlinks before sourcing this

# PATH made absolute, with "." and ".." taken out (as text: the launchers resolved their own
# symlinks), into mpt_path; without the subshell of $(cd ... && pwd), which costs milliseconds.
mpt_abs() {
    local p="$1" part
    [[ $p == /* ]] || p="$PWD/$p"
    local -a parts stack=()
    IFS=/ read -r -a parts <<<"$p"
    for part in "${parts[@]}"; do
        case "$part" in
            '' | .) ;;
            ..) [ ${#stack[@]} -eq 0 ] || unset 'stack[${#stack[@]}-1]' ;;
            *) stack+=("$part") ;;
        esac
    done
    local IFS=/
    mpt_path="/${stack[*]}"
}
mpt_abs "${mpt_self%/*}/../.."
mpt_root="$mpt_path"
mpt_jar="$mpt_root/cli/target/mpt.jar"

mpt_stale() {
    [ ! -f "$mpt_jar" ] && return 0
    [ -n "$(find "$mpt_root" \( -path "$mpt_root/.git" -o -name target -o -path '*/src/test' \) -prune -o \
        \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -type f \
        -newer "$mpt_jar" -print -quit 2>/dev/null)" ]
}

# Builds the jar. Launchers started together (run-tests -j2, a build script calling
# mpy-cross for each file) build it once: one takes a lock directory, the others wait for it
# and use what it built. The build runs in a process of its own that drops the lock when it
# ends, even if the launcher that started it was killed; a lock whose builder is gone is
# taken over.
mpt_build() {
    local lock="$mpt_root/cli/target/.mpt-build.lock" holder
    mkdir -p "${lock%/*}"
    until mkdir "$lock" 2>/dev/null; do
        holder="$(cat "$lock/pid" 2>/dev/null || true)"
        if [ -n "$holder" ] && ! kill -0 "$holder" 2>/dev/null; then
            rm -rf "$lock"
            continue
        fi
        sleep 0.2
        if [ ! -d "$lock" ] && ! mpt_stale; then
            return 0
        fi
    done
    if ! mpt_stale; then
        rm -rf "$lock"
        return 0
    fi
    echo "mpt: building $(basename "$mpt_jar") (first run, or the sources changed)..." >&2
    # (jansi.noreset: Maven 3.8 otherwise writes colour resets even with style.color=never)
    if ! (
        echo "$BASHPID" > "$lock/pid"
        cd "$mpt_root" && MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -q -B -ntp -Dstyle.color=never \
            -Dmaven.test.skip=true -pl cli -am package
        status=$?
        rm -rf "$lock"
        exit $status
    ) >&2; then
        echo "mpt: the build failed; run 'mvn -pl cli -am package' in $mpt_root to see why" >&2
        exit 1
    fi
}

# Which Java runs mpt: $MPT_JAVA when set; otherwise the newest JDK among $JAVA_HOME's and
# those under /usr/lib/jvm (read from each one's release file, without starting it), and the
# java on PATH when there is none. Java 25 and later start mpt about twice as fast as 17
# with an AOT cache (below). Sets mpt_java and mpt_java_feature (0 when unknown).
mpt_pick_java() {
    mpt_java=java
    mpt_java_feature=0
    if [ -n "${MPT_JAVA:-}" ]; then
        mpt_java="$MPT_JAVA"
        mpt_release_feature "${MPT_JAVA%/bin/java}/release"
        mpt_java_feature=$mpt_feature
        return
    fi
    local home
    for home in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
        [ -x "$home/bin/java" ] || continue
        mpt_release_feature "$home/release"
        if [ "$mpt_feature" -gt "$mpt_java_feature" ]; then
            mpt_java="$home/bin/java"
            mpt_java_feature=$mpt_feature
        fi
    done
}

# The feature version (17, 25...) in a JDK's release file, as mpt_feature; 0 if unreadable.
mpt_release_feature() {
    mpt_feature=0
    local line
    [ -r "$1" ] || return 0
    while IFS= read -r line; do
        if [[ $line =~ ^JAVA_VERSION=\"(1\.)?([0-9]+) ]]; then
            mpt_feature="${BASH_REMATCH[2]}"
            return 0
        fi
    done < "$1"
}

# Start-up caches, next to the jar (one per JDK), recorded by the first run after a build so
# that later runs start faster; MPT_CDS=0 turns them off. Java 25 and later: an AOT cache
# (classes loaded and linked, and method profiles, from a training run); older JDKs: a
# class-data-sharing archive. A cache older than the jar or than this file (whose JVM options
# it was made with) is made again.
mpt_cache_file() { # SUFFIX -> mpt_cache (no subshell: it would cost milliseconds)
    local key="${mpt_java#/}"
    key="${key%/bin/java}"
    key="${key//[^A-Za-z0-9._-]/_}"
    mpt_cache="${mpt_jar%.jar}-$key.$1"
}

mpt_launch() {
    local main="$1"
    shift
    # Through the warm VM's client (below), which looks for sources newer than the jar itself
    # (quicker than starting find) and comes back here with MPT_WARM_REBUILD=1 if it finds any.
    local warm=""
    if [ -n "${MPT_WARM_REBUILD:-}" ]; then
        unset MPT_WARM_REBUILD
    elif [ "$main" = dev.mpt.cli.MicroPythonMain ] && [ "${MPT_WARM:-1}" != 0 ] && [ -f "$mpt_jar" ] \
            && mpt_warm_client; then
        warm=micropython
    fi
    if [ -z "$warm" ] && [ "${MPT_NO_BUILD:-}" != 1 ] && mpt_stale; then
        mpt_build
    fi
    mpt_pick_java
    # -XX:-UsePerfData: no hsperfdata file (jps/jstat cannot see mpt; it starts faster).
    # -XX:MarkSweepDeadRatio=0: a full collection frees all garbage (by default the serial
    # collector may leave up to 5% of the heap as uncompacted dead objects), so that the VM's
    # heap limit (-X heapsize) measures what a program really holds.
    local -a jvm=(-XX:+UseSerialGC -XX:MarkSweepDeadRatio=0 -XX:-UsePerfData)
    # jSerialComm and usb4java load native libraries: newer JDKs warn on every run unless told
    if [ "$mpt_java_feature" -ge 22 ]; then
        jvm+=(--enable-native-access=ALL-UNNAMED)
    fi
    local -a plain=("${jvm[@]}")
    mpt_aot=()
    if [ "${MPT_CDS:-1}" = 1 ] && [ "$mpt_java_feature" -ge 25 ]; then
        mpt_launch_aot
    elif [ "${MPT_CDS:-1}" = 1 ]; then
        mpt_launch_cds "$main" "$@"
    fi
    if [ -n "$warm" ]; then
        mpt_launch_warm "$warm" "$main" "$@"
    fi
    # shellcheck disable=SC2086
    exec "$mpt_java" "${jvm[@]}" ${MPT_JAVA_OPTS:-} -cp "$mpt_jar" "$main" "$@"
}

# A warm VM (MPT_WARM=0 turns it off): the run goes through cli/target/mpt-warm, a small C
# client compiled here at first use (without a C compiler the JVM starts as before). It runs
# the program in a JVM kept running in the background for this user (dev.mpt.cli.warm, over
# a Unix-domain socket in a directory only the user can enter), which it starts the first
# time, detached, while that run itself starts a JVM of its own as before. The warm JVM
# exits by itself after some idle minutes (MPT_WARM_IDLE seconds), or once the jar changes.
# The REPL on a terminal runs there too: the client holds the terminal (raw mode while a
# line is edited, as the unix port sets it) and puts it back on every way out. Whatever
# the warm VM does not serve goes to a fresh JVM, the command line for which the client is given.
mpt_launch_warm() { # KIND MAIN ARGS...
    local kind="$1" main="$2" root="$mpt_root"
    shift 2
    [ "${MPT_NO_BUILD:-}" != 1 ] || root=-
    # shellcheck disable=SC2206
    local -a direct=("$mpt_java" "${jvm[@]}" ${MPT_JAVA_OPTS:-} -cp "$mpt_jar" "$main")
    # The warm JVM compiles with C1 alone: it runs hundreds of short, different programs, for
    # which C2's compilations cost more CPU than they save (run-tests basics: a quarter of the
    # CPU time). MPT_WARM_JAVA_OPTS adds options (-XX:TieredStopAtLevel=4 for C2 again).
    # The AOT cache (Java 25+) starts it sooner and warms it a little faster (run-tests
    # basics, first round: 0.25 s less, 6 times in 7); a warm JVM started before the cache
    # was made goes on serving (the client leaves the cache's options out of its key).
    # shellcheck disable=SC2206
    local -a daemon=("$mpt_java" "${plain[@]}" "${mpt_aot[@]}" -XX:TieredStopAtLevel=1 ${MPT_JAVA_OPTS:-}
        ${MPT_WARM_JAVA_OPTS:-}
        -cp "$mpt_jar" dev.mpt.cli.warm.WarmDaemon)
    # The client saves these words in cli/target/mpt-warm.line for scripts/mpt-micropython's
    # next runs, with the state of the files they were worked out from (a new JDK in
    # /usr/lib/jvm, a start-up cache made meanwhile...) and the variables they depend on.
    local -a watched=("$mpt_jar" "$mpt_root/scripts/lib/launch.sh" "$mpt_java" /usr/lib/jvm)
    if [ -n "${mpt_cache:-}" ]; then watched+=("$mpt_cache"); fi
    exec "$mpt_warm" --record "$mpt_root/cli/target/mpt-warm.line" "${#watched[@]}" "${watched[@]}" \
        "$kind" "$root" "$0" "${#direct[@]}" "${direct[@]}" "${#daemon[@]}" "${daemon[@]}" -- "$@"
}

# The client, cli/target/mpt-warm, compiled from its source when missing or older; false
# when there is no C compiler, or it fails.
mpt_warm_client() {
    mpt_warm="$mpt_root/cli/target/mpt-warm"
    local src="$mpt_root/cli/src/main/c/mpt-warm.c"
    if [ ! -x "$mpt_warm" ] || [ "$src" -nt "$mpt_warm" ]; then
        command -v cc >/dev/null 2>&1 || return 1
        if ! cc -O2 -o "$mpt_warm.$$" "$src" >/dev/null 2>&1; then
            rm -f "$mpt_warm.$$"
            return 1
        fi
        mv -f "$mpt_warm.$$" "$mpt_warm"
    fi
}

# Java 25+: run with the AOT cache when it is there and newer than the jar. Otherwise this
# run goes ahead without it, and a background job trains one (a run of a tiny program after
# ArchivePreload has loaded the classes of every command, so the cache serves them all) and
# assembles the cache: the user never waits for it (recording alone takes seconds). A lock
# directory keeps two runs from training at once; a lock left by a killed job expires.
mpt_launch_aot() {
    local aot
    mpt_cache_file aot
    aot="$mpt_cache"
    if [ -f "$aot" ] && [ "$aot" -nt "$mpt_jar" ] && [ "$aot" -nt "$mpt_self" ]; then
        mpt_aot=(-XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off)
        jvm+=("${mpt_aot[@]}")
        return 0
    fi
    local lock="$aot.lock"
    if [ -d "$lock" ] && [ -n "$(find "$lock" -maxdepth 0 -mmin +5 2>/dev/null)" ]; then
        rm -rf "$lock"
    fi
    mkdir "$lock" 2>/dev/null || return 0 # another run is training one
    local conf="$lock/training.aotconf" tmp="$lock/cache.aot"
    (
        # shellcheck disable=SC2086
        if "$mpt_java" "${jvm[@]}" -XX:AOTMode=record -XX:AOTConfiguration="$conf" ${MPT_JAVA_OPTS:-} \
                -cp "$mpt_jar" dev.mpt.cli.ArchivePreload dev.mpt.cli.MicroPythonMain -c 'print(str(1))' \
            && "$mpt_java" "${jvm[@]}" -XX:AOTMode=create -XX:AOTConfiguration="$conf" -XX:AOTCache="$tmp" \
                ${MPT_JAVA_OPTS:-} -cp "$mpt_jar" \
            && [ -s "$tmp" ]; then
            mv -f "$tmp" "$aot"
        fi
        rm -rf "$lock"
    ) </dev/null >/dev/null 2>&1 &
}

# Older JDKs: class-data sharing, recorded into a private file and moved into place, so that
# two first runs at once cannot leave a half-written archive.
mpt_launch_cds() {
    local main="$1"
    shift
    local jsa
    mpt_cache_file jsa
    jsa="$mpt_cache"
    jvm+=(-Xshare:auto)
    if [ -f "$jsa" ] && [ "$jsa" -nt "$mpt_jar" ] && [ "$jsa" -nt "$mpt_self" ]; then
        jvm+=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
        return 0
    fi
    local tmp="$jsa.$$"
    local status=0
    # ArchivePreload loads the classes of every command before running $main, so the
    # archive serves all commands, not just the one that happened to run first.
    # shellcheck disable=SC2086
    "$mpt_java" "${jvm[@]}" -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off -Xlog:cds+dynamic=off \
        ${MPT_JAVA_OPTS:-} -cp "$mpt_jar" dev.mpt.cli.ArchivePreload "$main" "$@" || status=$?
    if [ -s "$tmp" ]; then mv -f "$tmp" "$jsa"; else rm -f "$tmp"; fi
    exit "$status"
}
