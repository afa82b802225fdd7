# Sourced by the transfer and mount benchmarks: serves MicroPython's unix port ($MICROPYTHON)
# as a board with socat (one fresh interpreter on a raw pty per connection) on
# 127.0.0.1:$board_port, and mpt's ThrottleProxy (from mpt.jar) in front of it on
# 127.0.0.1:$line_port as a 115200-baud line with 1 ms latency each way. Expects $work (a
# scratch directory, removed on exit) and a built jar (scripts/mpt --version builds it).
board_port=$((20000 + RANDOM % 10000))
line_port=$((board_port + 1))
socat "TCP-LISTEN:$board_port,reuseaddr,fork,bind=127.0.0.1" \
    "EXEC:$MICROPYTHON,pty,rawer,echo=0,stderr" 2>/dev/null &
socat_pid=$!
java -cp cli/target/mpt.jar dev.mpt.protocol.ThrottleProxy "$line_port" 127.0.0.1 "$board_port" 115200 1 &
proxy_pid=$!
trap 'kill $socat_pid $proxy_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$line_port") 2>/dev/null && break; sleep 0.1; done
sleep 0.5
