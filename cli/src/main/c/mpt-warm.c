/*
 * mpt-warm: the launchers' client of a warm mpt VM (dev.mpt.cli.warm.WarmDaemon).
 *
 *   mpt-warm KIND ROOT SCRIPT N DIRECT... M DAEMON... -- ARGS...
 *   mpt-warm --record LINE W WATCHED... KIND ROOT SCRIPT N DIRECT... M DAEMON... -- ARGS...
 *   mpt-warm --saved LINE LAUNCHER ARGS...
 *
 * KIND names what runs (micropython); ROOT is the checkout whose sources the jar is built
 * from ("-": not checked): when a source is newer than the jar, the client runs SCRIPT
 * ARGS with MPT_WARM_REBUILD=1 in the environment, and the launcher builds it. A warm VM
 * answers that question (it watches the sources, see SourceWatch.java); a run that goes to
 * a fresh JVM looks through ROOT itself first. DIRECT (N words) is the Java command line
 * that runs it in a fresh JVM, to which ARGS are appended; DAEMON (M words) is the command
 * line that starts a warm VM, to which its socket path is appended. The jar is the word
 * after "-cp" in DAEMON.
 *
 * A warm VM serves one run at a time on a Unix-domain socket in a directory private to the
 * user ($XDG_RUNTIME_DIR/mpt, else /tmp/mpt-UID: owned by the user, mode 0700, checked).
 * There are a few slots; a client takes a slot's lock (flock) for the whole run, so a warm
 * VM never runs two programs at once. The socket names hold a hash of the jar (its inode,
 * size and time), of DAEMON and of the locale and time zone variables, so a changed jar or
 * JVM gets warm VMs of its own (the old ones see the jar change and exit).
 *
 * The run: the client sends ROOT, its working directory, ARGS and environment, then relays the
 * program's stdout and stderr (kept apart, in order), reads stdin only when the program
 * asks for it, forwards Ctrl-C (SIGINT), and exits with the program's status. When no
 * slot is free or no warm VM is there yet, or the warm VM declines, the client executes
 * DIRECT: the run goes on in a fresh JVM as without a warm VM; when a slot had no warm VM,
 * one is started in the background for the next runs.
 *
 * The saved line: the launcher (bash) works out DIRECT and DAEMON, which takes it a few
 * milliseconds on every run. With --record it has the client save them in the file LINE,
 * with the environment variables they depend on (SAVED_ENV) and the state (time, size,
 * inode, or absence) of the W files they were made from (the jar, the launcher, the JVM,
 * its start-up cache...). scripts/mpt-micropython, a plain sh script, then runs
 * --saved LINE LAUNCHER ARGS: when the variables and files are as saved, the run goes on
 * as with the saved words (SCRIPT replaced by LAUNCHER); otherwise, or when LINE is
 * missing or unreadable, the client executes LAUNCHER ARGS, which works them out again.
 *
 * The REPL on a terminal: the warm VM asks the client to switch the terminal on stdin
 * between raw mode, while a line is edited, and the terminal's own settings, while code
 * runs (so that Ctrl-C is SIGINT, which the client forwards), as the unix port does with
 * tcsetattr. The client puts the terminal back as it found it on every way out: the
 * program's end, the warm VM gone, SIGTERM, SIGHUP, SIGQUIT; Ctrl-Z and other stops put
 * it back while the client is stopped and switch it again when it continues.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <dirent.h>
#include <unistd.h>

extern char **environ;

#define PROTOCOL 4

/* frames from the warm VM */
#define F_START 'S'  /* the program starts: from here on the run cannot be repeated */
#define F_OUT 'O'
#define F_ERR 'E'
#define F_READ 'R'   /* u32 max: read stdin once */
#define F_AVAIL 'A'  /* how many bytes stdin has waiting */
#define F_EXIT 'X'   /* u32 status */
#define F_DIRECT 'D' /* declined: run in a fresh JVM */
#define F_BUILD 'B'  /* declined: a source is newer than the jar, which the launcher builds first */
#define F_TTY 'T'    /* u32 1: the terminal on stdin to raw mode, 0: back to its own settings */
/* frames to the warm VM */
#define T_IN 'I'     /* bytes read from stdin; none at its end */
#define T_COUNT 'N'  /* u32: the answer to F_AVAIL */
#define T_INTR 'C'   /* Ctrl-C */

static char **direct_argv;
/* for the launcher, when the jar must be built first: the checkout ("-": none), the jar's time */
static const char *build_root = "-";
static const char *build_script;
static char **build_args;
static int build_nargs;
static struct timespec jar_time;
static volatile sig_atomic_t interrupts;

/* the terminal on stdin: its own settings, saved when it was put in raw mode */
static struct termios tty_orig;
static volatile sig_atomic_t tty_raw;  /* the terminal is in raw mode now */
static volatile sig_atomic_t tty_want; /* what the warm VM asked for last (raw: 1) */

static void on_sigint(int sig) {
    (void) sig;
    interrupts++;
}

/*
 * raw mode as the unix port's mp_hal_stdio_mode_raw sets it (the settings saved first);
 * as there, the switches both ways drop what was typed and not read yet (TCSAFLUSH)
 */
static void tty_set_raw(void) {
    struct termios t;
    if (tty_raw || tcgetattr(0, &tty_orig) != 0) {
        return;
    }
    t = tty_orig;
    t.c_iflag &= ~(tcflag_t) (BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    t.c_cflag = (t.c_cflag & ~(tcflag_t) (CSIZE | PARENB)) | CS8;
    t.c_lflag = 0;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tty_raw = 1; /* first: a signal from here on puts the saved settings back */
    if (tcsetattr(0, TCSAFLUSH, &t) != 0) {
        tty_raw = 0;
    }
}

/* the terminal's own settings again (async-signal-safe) */
static void tty_restore(int when) {
    if (tty_raw) {
        tcsetattr(0, when, &tty_orig);
        tty_raw = 0;
    }
}

/* SIGTERM, SIGHUP, SIGQUIT: the terminal back, then the signal's own action */
static void on_fatal(int sig) {
    tty_restore(TCSANOW);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Ctrl-Z and the like: the terminal back while stopped, raw again when continued */
static void on_stop(int sig) {
    int errno_saved = errno;
    int was_raw = tty_raw;
    tty_restore(TCSANOW);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, sig);
    signal(sig, SIG_DFL);
    sigprocmask(SIG_UNBLOCK, &set, &old);
    raise(sig); /* stops here until SIGCONT */
    sigprocmask(SIG_SETMASK, &old, NULL);
    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    if (was_raw && tty_want) {
        tty_set_raw();
    }
    errno = errno_saved;
}

static void tty_signals(void) {
    static const int fatal[] = {SIGTERM, SIGHUP, SIGQUIT};
    static const int stops[] = {SIGTSTP, SIGTTIN, SIGTTOU};
    struct sigaction sa = {0};
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_fatal;
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++) {
        sigaction(fatal[i], &sa, NULL);
    }
    sa.sa_handler = on_stop;
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
        sigaction(stops[i], &sa, NULL);
    }
}

/* the client's own end: the terminal as it was found, then exit */
static void finish(int status) {
    tty_restore(TCSADRAIN);
    exit(status);
}

static int stale_under(int dirfd, const char *rel, int top, int in_resources, const struct timespec *jar);

/* the launcher builds the jar, then runs the program in a fresh JVM */
static void rebuild(void) {
    char **again = calloc((size_t) build_nargs + 2, sizeof *again);
    if (!again || setenv("MPT_WARM_REBUILD", "1", 1) != 0) {
        exit(1);
    }
    again[0] = (char *) build_script;
    memcpy(again + 1, build_args, (size_t) build_nargs * sizeof *build_args);
    execvp(build_script, again);
    fprintf(stderr, "error: cannot run %s: %s\n", build_script, strerror(errno));
    exit(1);
}

/* the run in a fresh JVM; a warm VM answers whether the jar is older than its sources, without it the client looks */
static void run_direct(void) {
    if (strcmp(build_root, "-") != 0 && stale_under(AT_FDCWD, build_root, 1, 0, &jar_time)) {
        rebuild();
    }
    execvp(direct_argv[0], direct_argv);
    fprintf(stderr, "mpt: cannot run %s: %s\n", direct_argv[0], strerror(errno));
    exit(1);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s) {
    return fnv(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* the private directory, created when missing; 0 when it is not safe to use */
static int private_dir(char *dir, size_t size) {
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    struct stat st;
    int n;
    if (xdg && xdg[0] == '/' && stat(xdg, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid()) {
        n = snprintf(dir, size, "%s/mpt", xdg);
    } else {
        n = snprintf(dir, size, "/tmp/mpt-%u", (unsigned) getuid());
    }
    if (n < 0 || (size_t) n >= size) {
        return 0;
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        return 0;
    }
    return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() && (st.st_mode & 077) == 0;
}

static int write_all(int fd, const void *p, size_t n) {
    const char *b = p;
    while (n > 0) {
        ssize_t w = write(fd, b, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        b += w;
        n -= (size_t) w;
    }
    return 0;
}

static int read_all(int fd, void *p, size_t n) {
    char *b = p;
    while (n > 0) {
        ssize_t r = read(fd, b, n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return -1;
        }
        b += r;
        n -= (size_t) r;
    }
    return 0;
}

/* a growing buffer for the request */
static char *req;
static size_t req_len, req_cap;

static void put(const void *p, size_t n) {
    if (req_len + n > req_cap) {
        req_cap = (req_len + n) * 2 + 4096;
        req = realloc(req, req_cap);
        if (!req) {
            run_direct();
        }
    }
    memcpy(req + req_len, p, n);
    req_len += n;
}

static void put_u32(uint32_t v) {
    unsigned char b[4] = {v >> 24, v >> 16, v >> 8, v};
    put(b, 4);
}

static void put_str(const char *s) {
    size_t n = strlen(s);
    put_u32((uint32_t) n);
    put(s, n);
}

static uint32_t get_u32(const unsigned char *b) {
    return (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3];
}

static int send_frame(int sock, char type, const void *p, uint32_t n) {
    unsigned char h[5] = {(unsigned char) type, n >> 24, n >> 16, n >> 8, n};
    if (write_all(sock, h, 5) != 0) {
        return -1;
    }
    return n ? write_all(sock, p, n) : 0;
}

/* starts a warm VM for this socket in the background, detached from this process */
static void start_daemon(char **daemon_argv, int daemon_argc, const char *sock_path) {
    pid_t pid = fork();
    if (pid < 0) {
        return;
    }
    if (pid == 0) {
        if (setsid() < 0 || fork() != 0) {
            _exit(0);
        }
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
        }
        if (chdir("/") != 0) {
            _exit(1);
        }
        signal(SIGINT, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        char **argv = calloc((size_t) daemon_argc + 2, sizeof *argv);
        if (!argv) {
            _exit(1);
        }
        memcpy(argv, daemon_argv, (size_t) daemon_argc * sizeof *argv);
        argv[daemon_argc] = (char *) sock_path;
        execvp(argv[0], argv);
        _exit(1);
    }
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
    }
}

static int newer(const struct timespec *a, const struct timespec *b) {
    return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/*
 * Whether a source under dir is newer than the jar, as the launcher's find: *.java, pom.xml
 * and files under src/main/resources, not looking into .git (at the top), any target, or
 * any src/test (the jar holds no test).
 */
static int stale_under(int dirfd, const char *rel, int top, int in_resources, const struct timespec *jar) {
    int fd = openat(dirfd, rel, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return 0;
    }
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || strcmp(n, "target") == 0
            || (top && strcmp(n, ".git") == 0) || (strcmp(rel, "src") == 0 && strcmp(n, "test") == 0)) {
            continue;
        }
        unsigned char type = e->d_type;
        struct stat st;
        if (type == DT_UNKNOWN) {
            if (fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) != 0) {
                continue;
            }
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
        }
        if (type == DT_DIR) {
            int res = in_resources || (strcmp(n, "resources") == 0 && strcmp(rel, "main") == 0);
            /* (main/resources: a little wider than find's src/main/resources, never narrower) */
            found = stale_under(fd, n, 0, res, jar);
        } else if (type == DT_REG) {
            size_t len = strlen(n);
            if (in_resources || strcmp(n, "pom.xml") == 0 || (len > 5 && strcmp(n + len - 5, ".java") == 0)) {
                found = fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)
                        && newer(&st.st_mtim, jar);
            }
        }
    }
    closedir(d);
    return found;
}

/* ---- the saved line (--record, --saved) ---- */

#define LINE_MAGIC "mpt-warm line 1"

/* the variables the launcher's words depend on (MPT_WARM and the locale the client reads itself) */
static const char *const SAVED_ENV[] = {"PATH", "JAVA_HOME", "MPT_JAVA", "MPT_JAVA_OPTS", "MPT_WARM_JAVA_OPTS",
                                        "MPT_CDS", "MPT_NO_BUILD", NULL};

/* a file's state as one word: device, inode, time and size; "-" when it is not there */
static void file_state(const char *path, char *out, size_t size) {
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(out, size, "-");
        return;
    }
    snprintf(out, size, "%llu:%llu:%lld.%09ld:%lld", (unsigned long long) st.st_dev,
             (unsigned long long) st.st_ino, (long long) st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
             (long long) st.st_size);
}

static char *line_buf;
static size_t line_len, line_cap;

static int line_put(const char *s) {
    size_t n = strlen(s) + 1;
    if (line_len + n > line_cap) {
        size_t cap = line_cap ? line_cap * 2 : 4096;
        while (cap < line_len + n) {
            cap *= 2;
        }
        char *b = realloc(line_buf, cap);
        if (!b) {
            return 0;
        }
        line_buf = b;
        line_cap = cap;
    }
    memcpy(line_buf + line_len, s, n);
    line_len += n;
    return 1;
}

/*
 * The number of words from KIND to the "--" before ARGS (that included) in words[0..count),
 * or 0 when they are not laid out as KIND ROOT SCRIPT N DIRECT... M DAEMON... --.
 */
static int launcher_words(char **words, int count) {
    int i = 3;
    if (count <= i) {
        return 0;
    }
    int n = atoi(words[i++]);
    if (n < 1 || i + n >= count) {
        return 0;
    }
    i += n;
    int m = atoi(words[i++]);
    if (m < 1 || i + m >= count || strcmp(words[i + m], "--") != 0) {
        return 0;
    }
    return i + m + 1;
}

/*
 * --record: saves words[0..count) (the launcher's words up to "--"), the variables of
 * SAVED_ENV and the state of the watched files in path, replacing it at once (another run
 * may read it meanwhile). Best effort: a line that cannot be saved is not.
 */
static void record_line(const char *path, char **watched, int nwatched, char **words, int count) {
    char num[32], state[128];
    int ok = line_put(LINE_MAGIC);
    for (const char *const *v = SAVED_ENV; ok && *v; v++) {
        const char *val = getenv(*v);
        if (val) {
            ok = line_put("=") && (line_len--, line_put(val)); /* "=VALUE": the "=" without its NUL */
        } else {
            ok = line_put("!");
        }
    }
    snprintf(num, sizeof num, "%d", nwatched);
    ok = ok && line_put(num);
    for (int k = 0; ok && k < nwatched; k++) {
        file_state(watched[k], state, sizeof state);
        ok = line_put(watched[k]) && line_put(state);
    }
    snprintf(num, sizeof num, "%d", count);
    ok = ok && line_put(num);
    for (int k = 0; ok && k < count; k++) {
        ok = line_put(words[k]);
    }
    if (!ok) {
        return;
    }
    char tmp[4200];
    if (snprintf(tmp, sizeof tmp, "%s.%ld", path, (long) getpid()) >= (int) sizeof tmp) {
        return;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        return;
    }
    int written = write_all(fd, line_buf, line_len) == 0;
    if (close(fd) != 0 || !written || rename(tmp, path) != 0) {
        unlink(tmp);
    }
}

/* the NUL-ended word at *p (moved past it), or NULL at end */
static char *next_word(char **p, char *end) {
    if (*p >= end) {
        return NULL;
    }
    char *w = *p;
    *p += strlen(w) + 1;
    return w;
}

/*
 * --saved: the words saved in path followed by args (with SCRIPT replaced by launcher) in
 * *out, their number returned; 0 when the line is missing or unreadable, or the variables or
 * watched files are no longer as saved, or a rebuild or no warm VM (MPT_WARM=0) is asked for.
 */
static int saved_line(const char *path, const char *launcher, char **args, int nargs, char ***out) {
    const char *warm = getenv("MPT_WARM");
    if (getenv("MPT_WARM_REBUILD") || (warm && strcmp(warm, "0") == 0)) {
        return 0; /* (without the warm VM, the launcher checks the sources and starts the JVM) */
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < 1 || st.st_size > (1 << 20)) {
        close(fd);
        return 0;
    }
    char *buf = malloc((size_t) st.st_size);
    char **words = NULL;
    int got = buf && read_all(fd, buf, (size_t) st.st_size) == 0;
    close(fd);
    if (!got || buf[st.st_size - 1] != '\0') {
        goto fail;
    }
    char *p = buf, *end = buf + st.st_size;
    char *w = next_word(&p, end);
    if (!w || strcmp(w, LINE_MAGIC) != 0) {
        goto fail;
    }
    for (const char *const *v = SAVED_ENV; *v; v++) {
        const char *val = getenv(*v);
        w = next_word(&p, end);
        if (!w || (val ? (w[0] != '=' || strcmp(w + 1, val) != 0) : strcmp(w, "!") != 0)) {
            goto fail;
        }
    }
    w = next_word(&p, end);
    int nwatched = w ? atoi(w) : -1;
    if (nwatched < 0) {
        goto fail;
    }
    char state[128];
    for (int k = 0; k < nwatched; k++) {
        char *file = next_word(&p, end);
        char *was = next_word(&p, end);
        if (!file || !was) {
            goto fail;
        }
        file_state(file, state, sizeof state);
        if (strcmp(state, was) != 0) {
            goto fail;
        }
    }
    w = next_word(&p, end);
    int count = w ? atoi(w) : -1;
    if (count < 1 || !(words = calloc((size_t) count + (size_t) nargs + 2, sizeof *words))) {
        goto fail;
    }
    words[0] = "mpt-warm";
    for (int k = 0; k < count; k++) {
        if (!(words[k + 1] = next_word(&p, end))) {
            goto fail;
        }
    }
    if (p != end || launcher_words(words + 1, count) != count) {
        goto fail;
    }
    words[3] = (char *) launcher; /* SCRIPT */
    memcpy(words + 1 + count, args, (size_t) nargs * sizeof *args);
    *out = words; /* (buf stays: the words point into it) */
    return 1 + count + nargs;
fail:
    free(words);
    free(buf);
    return 0;
}

/* whether a warm VM holds this slot (it may still be starting: its socket is not there yet) */
static int daemon_alive(const char *lock_path) {
    int fd = open(lock_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        return 0;
    }
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    int alive = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    close(fd);
    return alive;
}

static int connect_to(const char *path) {
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof a.sun_path) {
        return -1;
    }
    strcpy(a.sun_path, path);
    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0) {
        return -1;
    }
    if (connect(s, (struct sockaddr *) &a, sizeof a) != 0) {
        close(s);
        return -1;
    }
    struct ucred cred;
    socklen_t len = sizeof cred;
    if (getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || cred.uid != getuid()) {
        close(s);
        return -1;
    }
    return s;
}

/* one run through a warm VM; returns only when the run should go to a fresh JVM instead */
static void session(int sock, const char *kind, char **args, int nargs) {
    char cwd[8192];
    if (!getcwd(cwd, sizeof cwd)) {
        return;
    }
    put("MPTW", 4);
    put_u32(PROTOCOL);
    put_u32(0); /* the length of the rest, below */
    put_str(kind);
    put_str(build_root);
    put_str(cwd);
    put_u32((uint32_t) (isatty(0) | isatty(1) << 1 | isatty(2) << 2));
    put_u32((uint32_t) nargs);
    for (int i = 0; i < nargs; i++) {
        put_str(args[i]);
    }
    uint32_t nenv = 0;
    for (char **e = environ; *e; e++) {
        nenv++;
    }
    put_u32(nenv);
    for (char **e = environ; *e; e++) {
        put_str(*e);
    }

    uint32_t rest = (uint32_t) (req_len - 12);
    unsigned char len[4] = {rest >> 24, rest >> 16, rest >> 8, rest};
    memcpy(req + 8, len, 4);

    struct sigaction sa = {0};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL); /* no SA_RESTART: poll returns at once */
    signal(SIGPIPE, SIG_IGN);
    if (write_all(sock, req, req_len) != 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        return;
    }

    int started = 0;
    int tty_signals_set = 0;
    int push = 0;     /* from the first F_TTY on: stdin goes to the REPL as it comes, unasked */
    int stdin_end = 0; /* pushed up to the end of input */
    uint32_t pending = 0; /* bytes the program asked to read from stdin */
    size_t cap = 65536;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        finish(1);
    }
    for (;;) {
        while (interrupts > 0) {
            interrupts--;
            send_frame(sock, T_INTR, NULL, 0);
        }
        int reading = pending || (push && !stdin_end);
        struct pollfd pf[2] = {{.fd = sock, .events = POLLIN}, {.fd = 0, .events = POLLIN}};
        if (poll(pf, reading ? 2 : 1, -1) < 0) {
            continue; /* EINTR: Ctrl-C, sent above */
        }
        if (push && !stdin_end && (pf[1].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) {
            ssize_t r = read(0, buf, cap);
            if (r < 0 && (errno == EINTR || errno == EAGAIN)) {
                continue;
            }
            if (r <= 0) {
                stdin_end = 1;
            }
            send_frame(sock, T_IN, buf, r > 0 ? (uint32_t) r : 0);
            continue;
        }
        if (pending && (pf[1].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))) {
            size_t want = pending < cap ? pending : cap;
            ssize_t r = read(0, buf, want);
            if (r < 0 && (errno == EINTR || errno == EAGAIN)) {
                continue;
            }
            pending = 0;
            send_frame(sock, T_IN, buf, r > 0 ? (uint32_t) r : 0);
            continue;
        }
        if (!(pf[0].revents & (POLLIN | POLLHUP | POLLERR))) {
            continue;
        }
        unsigned char h[5];
        if (read_all(sock, h, 5) != 0) {
            break;
        }
        uint32_t n = get_u32(h + 1);
        if (n > cap) {
            cap = n;
            buf = realloc(buf, cap);
            if (!buf) {
                finish(1);
            }
        }
        if (n && read_all(sock, buf, n) != 0) {
            break;
        }
        switch (h[0]) {
        case F_START:
            started = 1;
            break;
        case F_OUT:
            write_all(1, buf, n); /* as the JVM: output to a closed pipe is dropped */
            break;
        case F_ERR:
            write_all(2, buf, n);
            break;
        case F_READ:
            pending = n >= 4 ? get_u32(buf) : 1;
            if (pending == 0) {
                pending = 1;
            }
            break;
        case F_AVAIL: {
            int waiting = 0;
            if (ioctl(0, FIONREAD, &waiting) != 0 || waiting < 0) {
                waiting = 0;
            }
            unsigned char c[4] = {(uint32_t) waiting >> 24, (uint32_t) waiting >> 16, (uint32_t) waiting >> 8,
                                  (uint32_t) waiting};
            send_frame(sock, T_COUNT, c, 4);
            break;
        }
        case F_EXIT:
            finish(n >= 4 ? (int) get_u32(buf) : 1);
            break;
        case F_TTY:
            push = 1;
            if (isatty(0)) {
                tty_want = n >= 4 && get_u32(buf) != 0;
                if (tty_want) {
                    if (!tty_signals_set) {
                        tty_signals();
                        tty_signals_set = 1;
                    }
                    tty_set_raw();
                } else {
                    tty_restore(TCSAFLUSH);
                }
            }
            break;
        case F_BUILD:
            if (!started) {
                rebuild();
            }
            break;
        case F_DIRECT:
            if (!started) {
                free(buf);
                signal(SIGINT, SIG_DFL);
                signal(SIGPIPE, SIG_DFL);
                return;
            }
            break;
        default:
            break;
        }
    }
    if (!started) {
        free(buf);
        signal(SIGINT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        return; /* the warm VM went away before running anything */
    }
    tty_restore(TCSANOW);
    fprintf(stderr, "%serror: mpt's warm VM stopped during the run (MPT_WARM=0 runs without it)\n",
            tty_want ? "\n" : "");
    exit(1);
}

static int client(int argc, char **argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: mpt-warm KIND ROOT SCRIPT N DIRECT... M DAEMON... -- ARGS...\n");
        return 2;
    }
    const char *kind = argv[1];
    const char *root = argv[2];
    const char *script = argv[3];
    int i = 4;
    int n = atoi(argv[i++]);
    if (n < 1 || i + n >= argc) {
        fprintf(stderr, "error: mpt-warm: bad command line\n");
        return 2;
    }
    char **direct = argv + i;
    i += n;
    int m = atoi(argv[i++]);
    if (m < 1 || i + m >= argc || strcmp(argv[i + m], "--") != 0) {
        fprintf(stderr, "error: mpt-warm: bad command line\n");
        return 2;
    }
    char **daemon = argv + i;
    i += m + 1;
    char **args = argv + i;
    int nargs = argc - i;

    direct_argv = calloc((size_t) (n + nargs + 1), sizeof *direct_argv);
    if (!direct_argv) {
        return 1;
    }
    memcpy(direct_argv, direct, (size_t) n * sizeof *direct);
    memcpy(direct_argv + n, args, (size_t) nargs * sizeof *args);

    const char *jar = NULL;
    for (int k = 0; k + 1 < m; k++) {
        if (strcmp(daemon[k], "-cp") == 0) {
            jar = daemon[k + 1];
        }
    }
    struct stat st;
    char dir[4096];
    if (!jar || stat(jar, &st) != 0) {
        run_direct(); /* (nothing to compare with: the launcher made sure there is a jar) */
    }
    build_root = root;
    build_script = script;
    build_args = args;
    build_nargs = nargs;
    jar_time = st.st_mtim;
    const char *off = getenv("MPT_WARM");
    if (off && strcmp(off, "0") == 0) {
        run_direct();
    }
    if (!private_dir(dir, sizeof dir)) {
        run_direct();
    }
    uint64_t key = 0xcbf29ce484222325ULL;
    uint64_t id[6] = {(uint64_t) st.st_dev, (uint64_t) st.st_ino, (uint64_t) st.st_size,
                      (uint64_t) st.st_mtim.tv_sec, (uint64_t) st.st_mtim.tv_nsec, (uint64_t) getuid()};
    key = fnv(key, id, sizeof id);
    for (int k = 0; k < m; k++) {
        /* not the start-up cache's options: made after a build, it changes how fast a warm VM
           starts, not what it does, and the warm VMs started before it go on serving */
        if (strncmp(daemon[k], "-XX:AOTCache=", 13) != 0 && strcmp(daemon[k], "-Xlog:aot=off") != 0
            && strcmp(daemon[k], "-Xlog:cds=off") != 0) {
            key = fnv_str(key, daemon[k]);
        }
    }
    /* what the JVM takes from the environment once, at its start */
    static const char *fixed[] = {"TZ", "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "JAVA_TOOL_OPTIONS",
                                  "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", NULL};
    for (const char **v = fixed; *v; v++) {
        key = fnv_str(key, getenv(*v));
    }

    long slots = sysconf(_SC_NPROCESSORS_ONLN) + 1;
    const char *want = getenv("MPT_WARM_SLOTS");
    if (want && *want) {
        slots = atol(want);
    }
    if (slots < 1) {
        run_direct();
    }
    if (slots > 16) {
        slots = 16;
    }
    for (long s = 0; s < slots; s++) {
        char lock_path[4200], sock_path[4200], vm_lock[4200];
        snprintf(lock_path, sizeof lock_path, "%s/%016llx-%ld.lock", dir, (unsigned long long) key, s);
        snprintf(sock_path, sizeof sock_path, "%s/%016llx-%ld.sock", dir, (unsigned long long) key, s);
        snprintf(vm_lock, sizeof vm_lock, "%s/%016llx-%ld.vm", dir, (unsigned long long) key, s);
        int lfd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (lfd < 0) {
            continue;
        }
        if (flock(lfd, LOCK_EX | LOCK_NB) != 0) {
            close(lfd); /* a run holds this slot */
            continue;
        }
        int sock = connect_to(sock_path);
        if (sock >= 0) {
            session(sock, kind, args, nargs);
            run_direct(); /* declined, or gone before it began */
        }
        if (!daemon_alive(vm_lock)) {
            start_daemon(daemon, m, sock_path);
        }
        run_direct();
    }
    run_direct();
    return 1;
}

int main(int argc, char **argv) {
    if (argc >= 4 && strcmp(argv[1], "--saved") == 0) {
        char **words;
        int count = saved_line(argv[2], argv[3], argv + 4, argc - 4, &words);
        if (count > 0) {
            return client(count, words);
        }
        execv(argv[3], argv + 3);
        fprintf(stderr, "error: cannot run %s: %s\n", argv[3], strerror(errno));
        return 1;
    }
    if (argc >= 4 && strcmp(argv[1], "--record") == 0) {
        int nwatched = atoi(argv[3]);
        if (nwatched < 0 || 4 + nwatched >= argc) {
            fprintf(stderr, "error: mpt-warm: bad command line\n");
            return 2;
        }
        char **rest = argv + 4 + nwatched;
        int nrest = argc - 4 - nwatched;
        int count = launcher_words(rest, nrest);
        if (count > 0) {
            record_line(argv[2], argv + 4, nwatched, rest, count);
        }
        rest[-1] = argv[0];
        return client(nrest + 1, rest - 1);
    }
    return client(argc, argv);
}
