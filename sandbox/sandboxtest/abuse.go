package sandboxtest

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mockroom/mockroom/internal/testenv"
	"github.com/mockroom/mockroom/sandbox"
)

// caseEnv is what a case may need from the host side.
type caseEnv struct {
	mark       string // unique to the case and language; sources carry it as MARK
	hostPort   string // a TCP port the host listens on at 127.0.0.1
	secretPath string // a world-readable host file standing in for the database
	secret     string // its content, and the value of a host environment variable
	lang       sandbox.Language
}

type abuseCase struct {
	name  string
	src   map[sandbox.Language]string
	stdin func(e *caseEnv) string
	runs  int // default 1; the check sees the last run
	check func(t *testing.T, r *sandbox.Result, e *caseEnv)
	only  func(o Options) bool // nil: always
	// stdins, when set, replaces stdin and runs: one run per entry, each
	// checked by checkEach with its index.
	stdins    func(e *caseEnv) []string
	checkEach func(t *testing.T, i int, r *sandbox.Result, e *caseEnv)
	serial    bool // the languages run one after the other, not in parallel
	// cpuTime, when set, replaces the run's CPU limit (the wall limit
	// follows): for a case about another limit, whose program must not run
	// out of time first on a host where first-touch page faults are slow.
	cpuTime time.Duration
}

func status(want ...sandbox.Status) func(*testing.T, *sandbox.Result, *caseEnv) {
	return func(t *testing.T, r *sandbox.Result, _ *caseEnv) {
		t.Helper()
		if !slices.Contains(want, r.Status) {
			t.Fatalf("status %s, want one of %v (exit %d signal %q stdout %.300q stderr %.300q)", r.Status, want, r.ExitCode, r.Signal, r.Stdout, r.Stderr)
		}
	}
}

func stdoutHas(st sandbox.Status, subs ...string) func(*testing.T, *sandbox.Result, *caseEnv) {
	return func(t *testing.T, r *sandbox.Result, _ *caseEnv) {
		t.Helper()
		if r.Status != st {
			t.Fatalf("status %s, want %s (stdout %.300q stderr %.300q)", r.Status, st, r.Stdout, r.Stderr)
		}
		for _, s := range subs {
			if !strings.Contains(string(r.Stdout), s) {
				t.Fatalf("stdout lacks %q: %.500q (stderr %.300q)", s, r.Stdout, r.Stderr)
			}
		}
	}
}

// notOK: a bomb must end in a limit or an error, never pass and never break
// the runner.
var notOK = status(sandbox.StatusTimeLimit, sandbox.StatusMemoryLimit, sandbox.StatusRuntimeError, sandbox.StatusOutputLimit)

// noProcs checks that nothing carrying the case's marker survived the run.
func noProcs(t *testing.T, e *caseEnv) {
	t.Helper()
	var left []string
	for range 30 {
		if left = procsWith(e.mark); len(left) == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("processes outlived the run: %v", left)
}

// Programs shared by several cases.

// connect reads "host port" from stdin, tries a TCP connection for at most a
// second, and prints CONNECTED or BLOCKED.
var connect = map[sandbox.Language]string{
	sandbox.Python: "import socket,sys\nh,p=sys.stdin.read().split()\ntry:\n  socket.create_connection((h,int(p)),timeout=1).close(); print('CONNECTED')\nexcept OSError as e:\n  print('BLOCKED', e)\n",
	sandbox.JavaScript: "const [h,p]=require('fs').readFileSync(0,'utf8').trim().split(' ');\nconst s=require('net').connect({host:h,port:+p});\n" +
		"s.setTimeout(1000,()=>{console.log('BLOCKED timeout');process.exit(0)});\ns.on('connect',()=>{console.log('CONNECTED');process.exit(0)});\ns.on('error',e=>{console.log('BLOCKED',e.code);process.exit(0)});\n",
	sandbox.Java: java(`String[] hp = new String(System.in.readAllBytes()).trim().split(" ");
try (Socket s = new Socket()) { s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 1000); System.out.println("CONNECTED"); }
catch (IOException e) { System.out.println("BLOCKED " + e.getMessage()); }`),
	sandbox.Go: golang("fmt net time", `var h string
var p int
fmt.Scan(&h, &p)
c, err := net.DialTimeout("tcp", fmt.Sprintf("%s:%d", h, p), time.Second)
if err != nil {
	fmt.Println("BLOCKED", err)
	return
}
c.Close()
fmt.Println("CONNECTED")`),
	sandbox.Cpp: cpp(`string h; int p; cin >> h >> p;
int s = socket(AF_INET, SOCK_STREAM, 0);
sockaddr_in a{}; a.sin_family = AF_INET; a.sin_port = htons(p); inet_pton(AF_INET, h.c_str(), &a.sin_addr);
if (connect(s, (sockaddr*)&a, sizeof a) == 0) puts("CONNECTED"); else printf("BLOCKED errno %d\n", errno);`),
}

// readFiles reads the paths on stdin and prints "path: READ content" or
// "path: DENIED" for each.
var readFiles = map[sandbox.Language]string{
	sandbox.Python: "import sys\nfor p in sys.stdin.read().split():\n  try:\n    print(p+': READ '+open(p,'rb').read().decode('latin1').replace('\\0',' '))\n  except OSError:\n    print(p+': DENIED')\n",
	sandbox.JavaScript: "const fs=require('fs');\nfor (const p of fs.readFileSync(0,'utf8').split(/\\s+/).filter(Boolean)) {\n" +
		"  try { console.log(p+': READ '+fs.readFileSync(p,'latin1').replace(/\\0/g,' ')) } catch(e) { console.log(p+': DENIED') }\n}\n",
	sandbox.Java: java(`for (String p : new String(System.in.readAllBytes()).trim().split("\\s+")) {
  try { System.out.println(p + ": READ " + new String(Files.readAllBytes(Paths.get(p)), "ISO-8859-1").replace('\0', ' ')); }
  catch (Exception e) { System.out.println(p + ": DENIED"); }
}`),
	sandbox.Go: golang("fmt io os strings", `b, _ := io.ReadAll(os.Stdin)
for _, p := range strings.Fields(string(b)) {
	c, err := os.ReadFile(p)
	if err != nil {
		fmt.Println(p + ": DENIED")
		continue
	}
	fmt.Println(p + ": READ " + strings.ReplaceAll(string(c), "\x00", " "))
}`),
	sandbox.Cpp: cpp(`string p;
while (cin >> p) {
  ifstream f(p, ios::binary);
  string c;
  if (f) c.assign((istreambuf_iterator<char>(f)), istreambuf_iterator<char>());
  if (!f || f.bad()) { cout << p << ": DENIED\n"; continue; }
  for (auto &ch : c) if (!ch) ch = ' ';
  cout << p << ": READ " << c << "\n";
}`),
}

// writeFiles creates the paths on stdin and prints "path: WROTE" or
// "path: DENIED" for each.
var writeFiles = map[sandbox.Language]string{
	sandbox.Python: "import sys\nfor p in sys.stdin.read().split():\n  try:\n    open(p,'w').write('x'); print(p+': WROTE')\n  except OSError:\n    print(p+': DENIED')\n",
	sandbox.JavaScript: "const fs=require('fs');\nfor (const p of fs.readFileSync(0,'utf8').split(/\\s+/).filter(Boolean)) {\n" +
		"  try { fs.writeFileSync(p,'x'); console.log(p+': WROTE') } catch(e) { console.log(p+': DENIED') }\n}\n",
	sandbox.Java: java(`for (String p : new String(System.in.readAllBytes()).trim().split("\\s+")) {
  try (FileWriter w = new FileWriter(p)) { w.write("x"); System.out.println(p + ": WROTE"); }
  catch (IOException e) { System.out.println(p + ": DENIED"); }
}`),
	sandbox.Go: golang("fmt io os strings", `b, _ := io.ReadAll(os.Stdin)
for _, p := range strings.Fields(string(b)) {
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		fmt.Println(p + ": DENIED")
		continue
	}
	fmt.Println(p + ": WROTE")
}`),
	sandbox.Cpp: cpp(`string p;
while (cin >> p) {
  FILE *f = fopen(p.c_str(), "w");
  if (!f || fputs("x", f) < 0 || fclose(f) != 0) { cout << p << ": DENIED\n"; continue; }
  cout << p << ": WROTE\n";
}`),
}

var abuseCases = []abuseCase{
	{
		name: "cpu_loop",
		src: map[sandbox.Language]string{
			sandbox.Python: "while True: pass\n", sandbox.JavaScript: "for(;;){}\n",
			sandbox.Java: java(`long x = 0; while (true) { x++; }`), sandbox.Go: golang("", "for {\n}"),
			sandbox.Cpp: cpp(`volatile long x = 0; for (;;) x++;`),
		},
		check: status(sandbox.StatusTimeLimit),
	},
	{
		name: "sleep_past_wall",
		src: map[sandbox.Language]string{
			sandbox.Python: "import time\ntime.sleep(30)\nprint('woke')\n", sandbox.JavaScript: "setTimeout(()=>console.log('woke'), 30000)\n",
			sandbox.Java: java(`Thread.sleep(30000); System.out.println("woke");`), sandbox.Go: golang("fmt time", "time.Sleep(30 * time.Second)\nfmt.Println(\"woke\")"),
			sandbox.Cpp: cpp(`sleep(30); puts("woke");`),
		},
		check: status(sandbox.StatusTimeLimit),
	},
	{
		name: "child_outlives_parent",
		src: map[sandbox.Language]string{
			sandbox.Python:     "import subprocess\nsubprocess.Popen(['/bin/sh','-c','sleep 30; true','MARK'])\nprint('spawned')\n",
			sandbox.JavaScript: "require('child_process').spawn('/bin/sh',['-c','sleep 30; true','MARK'],{stdio:'ignore'}).unref();\nconsole.log('spawned')\n",
			sandbox.Java:       java(`new ProcessBuilder("/bin/sh", "-c", "sleep 30; true", "MARK").start(); System.out.println("spawned"); System.exit(0);`),
			sandbox.Go:         golang("fmt os/exec", `exec.Command("/bin/sh", "-c", "sleep 30; true", "MARK").Start()`+"\nfmt.Println(\"spawned\")"),
			sandbox.Cpp:        cpp(`if (fork() == 0) { execl("/bin/sh", "sh", "-c", "sleep 30; true", "MARK", (char*)0); _exit(1); } puts("spawned"); return 0;`),
		},
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			status(sandbox.StatusOK, sandbox.StatusTimeLimit)(t, r, e)
			noProcs(t, e)
		},
	},
	{
		name: "daemon_double_fork_setsid",
		src: map[sandbox.Language]string{
			sandbox.Python:     "import os\nif os.fork()==0:\n  os.setsid()\n  if os.fork()==0:\n    os.execv('/bin/sh',['MARK','-c','sleep 30; true'])\n  os._exit(0)\nos.wait()\nprint('parent done')\n",
			sandbox.JavaScript: "require('child_process').spawn('/bin/sh',['-c','sleep 30; true','MARK'],{detached:true,stdio:'ignore'}).unref();\nconsole.log('parent done')\n",
			sandbox.Java:       java(`new ProcessBuilder("/usr/bin/setsid", "-f", "/bin/sh", "-c", "sleep 30; true", "MARK").start().waitFor(); System.out.println("parent done"); System.exit(0);`),
			sandbox.Go: golang("fmt os/exec syscall", `c := exec.Command("/bin/sh", "-c", "sleep 30; true", "MARK")
c.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
c.Start()
fmt.Println("parent done")`),
			sandbox.Cpp: cpp(`if (fork() == 0) { setsid(); if (fork() == 0) { execl("/bin/sh", "MARK", "-c", "sleep 30; true", (char*)0); } _exit(0); }
wait(nullptr); puts("parent done"); return 0;`),
		},
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			status(sandbox.StatusOK, sandbox.StatusTimeLimit)(t, r, e)
			noProcs(t, e)
		},
	},
	{
		name:    "memory_bomb",
		cpuTime: 10 * time.Second,
		src: map[sandbox.Language]string{
			sandbox.Python:     "a=[]\nwhile True: a.append(b'x'*(10**7))\n",
			sandbox.JavaScript: "const a=[]; for(;;) a.push(Buffer.alloc(1e7, 1));\n",
			sandbox.Java:       java(`List<long[]> a = new ArrayList<>(); for (;;) { long[] b = new long[1 << 20]; Arrays.fill(b, 1); a.add(b); }`),
			sandbox.Go: golang("fmt", `var a [][]byte
for {
	b := make([]byte, 10<<20)
	for i := range b {
		b[i] = 1
	}
	a = append(a, b)
	if len(a) < 0 {
		fmt.Println(len(a))
	}
}`),
			sandbox.Cpp: cpp(`vector<char*> v; for (;;) { char *p = (char*)malloc(10 << 20); if (!p) return 9; memset(p, 1, 10 << 20); v.push_back(p); }`),
		},
		check: status(sandbox.StatusMemoryLimit),
	},
	{
		name: "fork_bomb",
		src: map[sandbox.Language]string{
			// Re-exec with the marker in argv so that survivors are findable.
			sandbox.Python:     "import os,sys\nif 'MARK' not in sys.argv: os.execv(sys.executable,[sys.executable,'main.py','MARK'])\nwhile True:\n  try: os.fork()\n  except OSError: pass\n",
			sandbox.JavaScript: "const cp=require('child_process');\nfor(;;){ try { cp.spawn('/bin/sh',['-c',':(){ :|:& };:','MARK'],{stdio:'ignore'}) } catch(e) {} }\n",
			sandbox.Java:       java(`for (;;) { try { new ProcessBuilder("/bin/sh", "-c", ":(){ :|:& };:", "MARK").start(); } catch (IOException e) {} }`),
			sandbox.Go:         golang("os/exec", "for {\n\texec.Command(\"/bin/sh\", \"-c\", \":(){ :|:& };:\", \"MARK\").Start()\n}"),
			sandbox.Cpp:        cpp(`for (;;) { if (fork() == 0) { execl("/bin/sh", "MARK", "-c", ":(){ :|:& };:", (char*)0); for (;;) fork(); } }`),
		},
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			notOK(t, r, e)
			noProcs(t, e)
		},
	},
	{
		name: "thread_bomb",
		src: map[sandbox.Language]string{
			sandbox.Python:     "import threading,time\nn=0\ntry:\n  while True:\n    threading.Thread(target=time.sleep,args=(100,),daemon=True).start(); n+=1\nexcept RuntimeError:\n  print('LIMITED', n)\n",
			sandbox.JavaScript: "const {Worker}=require('worker_threads');\nfor(;;) new Worker('setInterval(()=>{},1000)',{eval:true});\n",
			sandbox.Java: java(`int n = 0;
try { for (;;) { Thread t = new Thread(() -> { try { Thread.sleep(100000); } catch (Exception e) {} }); t.setDaemon(true); t.start(); n++; } }
catch (Throwable e) { System.out.println("LIMITED " + n); System.exit(0); }`),
			sandbox.Go:  golang("runtime time", "for {\n\tgo func() {\n\t\truntime.LockOSThread()\n\t\ttime.Sleep(time.Hour)\n\t}()\n}"),
			sandbox.Cpp: cpp(`vector<thread> v; try { for (;;) v.emplace_back([] { sleep(100); }); } catch (...) { printf("LIMITED %zu\n", v.size()); fflush(stdout); _exit(0); }`),
		},
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			if r.Status == sandbox.StatusOK {
				// Caught the failure to start a thread: fine if the limit held.
				var n int
				_, tail, _ := strings.Cut(string(r.Stdout), "LIMITED ")
				if _, err := fmt.Sscanf(tail, "%d", &n); err != nil || n > 64 {
					t.Fatalf("thread bomb passed without hitting the limit: %q", r.Stdout)
				}
				return
			}
			notOK(t, r, e)
		},
	},
	{
		name: "endless_stdout",
		src: map[sandbox.Language]string{
			sandbox.Python: "import sys\ns='x'*65536\nwhile True: sys.stdout.write(s)\n", sandbox.JavaScript: "const s='x'.repeat(65536);\nfor(;;) process.stdout.write(s);\n",
			sandbox.Java: java(`byte[] s = new byte[65536]; Arrays.fill(s, (byte) 'x'); for (;;) System.out.write(s);`),
			sandbox.Go:   golang("bytes os", "s := bytes.Repeat([]byte(\"x\"), 65536)\nfor {\n\tos.Stdout.Write(s)\n}"),
			sandbox.Cpp:  cpp(`string s(65536, 'x'); for (;;) fwrite(s.data(), 1, s.size(), stdout);`),
		},
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			if e.lang == sandbox.JavaScript {
				// Once the pipe is full, Node queues each write in memory
				// and only the event loop (never reached by this loop)
				// flushes it: on a busy host the reader may see less than
				// the budget before the queue hits the memory limit or the
				// clock does. Each ends the run; none lets output through.
				status(sandbox.StatusOutputLimit, sandbox.StatusMemoryLimit, sandbox.StatusTimeLimit)(t, r, e)
			} else {
				status(sandbox.StatusOutputLimit)(t, r, e)
			}
			if len(r.Stdout) > 64<<10 {
				t.Fatalf("stdout over the budget: %d bytes", len(r.Stdout))
			}
		},
	},
	{
		name: "disk_fill",
		src: map[sandbox.Language]string{
			sandbox.Python:     "import errno\ntry:\n  with open('/w/fill','wb') as f:\n    while True: f.write(b'x'*(1<<20)); f.flush()\nexcept OSError as e:\n  print('FULL' if e.errno==errno.ENOSPC else 'ERR %d' % e.errno)\n",
			sandbox.JavaScript: "const fs=require('fs'); const fd=fs.openSync('/w/fill','w'); const b=Buffer.alloc(1<<20,120);\ntry { for(;;) fs.writeSync(fd,b) } catch(e) { console.log(e.code==='ENOSPC'?'FULL':'ERR '+e.code) }\n",
			sandbox.Java: java(`try (FileOutputStream f = new FileOutputStream("/w/fill")) { byte[] b = new byte[1 << 20]; for (;;) f.write(b); }
catch (IOException e) { System.out.println(String.valueOf(e.getMessage()).contains("No space left") ? "FULL" : "ERR " + e.getMessage()); }`),
			sandbox.Go: golang("errors fmt os syscall", `f, _ := os.Create("/w/fill")
b := make([]byte, 1<<20)
for {
	if _, err := f.Write(b); err != nil {
		if errors.Is(err, syscall.ENOSPC) {
			fmt.Println("FULL")
		} else {
			fmt.Println("ERR", err)
		}
		return
	}
}`),
			sandbox.Cpp: cpp(`FILE *f = fopen("/w/fill", "wb"); static char b[1 << 20];
for (;;) { if (fwrite(b, 1, sizeof b, f) != sizeof b || fflush(f) != 0) { puts(errno == ENOSPC ? "FULL" : "ERR"); return 0; } }`),
		},
		check: stdoutHas(sandbox.StatusOK, "FULL"),
	},
	{
		name: "files_persisting_between_runs",
		src:  nil, // built from writeFiles-like logic below
		runs: 2,
		stdin: func(e *caseEnv) string {
			var b strings.Builder
			for _, d := range []string{"/tmp", "/w", "/dev/shm", "/var/tmp", "/run/lock"} {
				b.WriteString(d + "/persist-" + e.mark + "\n")
			}
			return b.String()
		},
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			status(sandbox.StatusOK)(t, r, e)
			if strings.Contains(string(r.Stdout), "FOUND") {
				t.Fatalf("a file survived into the next run: %s", r.Stdout)
			}
			for _, d := range []string{"/tmp", "/dev/shm", "/var/tmp", "/run/lock", "/w"} {
				if _, err := os.Stat(d + "/persist-" + e.mark); err == nil {
					t.Fatalf("the sandbox wrote %s on the host", d)
				}
			}
		},
	},
	{
		name:  "outbound_connect_public_ip",
		src:   connect,
		stdin: func(*caseEnv) string { return "1.1.1.1 80\n" }, // only a connect attempt; there is no route
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			stdoutHas(sandbox.StatusOK, "BLOCKED")(t, r, e)
		},
	},
	{
		name:  "loopback_connect_to_host_port",
		src:   connect,
		stdin: func(e *caseEnv) string { return "127.0.0.1 " + e.hostPort + "\n" },
		check: stdoutHas(sandbox.StatusOK, "BLOCKED"),
	},
	{
		name: "read_host_secrets",
		src:  readFiles,
		stdin: func(e *caseEnv) string {
			return "/etc/shadow\n" + e.secretPath + "\n/proc/1/environ\n/proc/self/environ\n/proc/1/cmdline\n/root/.bash_history\n"
		},
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			stdoutHas(sandbox.StatusOK, "/etc/shadow: DENIED", e.secretPath+": DENIED")(t, r, e)
			if strings.Contains(string(r.Stdout), e.secret) {
				t.Fatalf("the host secret or host environment leaked: %s", r.Stdout)
			}
			if strings.Contains(string(r.Stdout), "root:") {
				t.Fatalf("a host account file leaked: %s", r.Stdout)
			}
		},
	},
	{
		name: "write_system_dirs",
		src:  writeFiles,
		// The shared prebuilt files (the C++ PCH, the Go std library) are
		// read by every compile: a run that could rewrite them would reach
		// into other candidates' builds.
		stdin: func(e *caseEnv) string {
			return "/usr/pwned-" + e.mark + "\n/etc/pwned-" + e.mark + "\n/pwned-" + e.mark +
				"\n/cxxpch/bits/stdc++.h.gch\n/cxxpch/pwned-" + e.mark + "\n/gostd/importcfg\n/opt/prebuilt/pwned-" + e.mark + "\n"
		},
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			status(sandbox.StatusOK)(t, r, e)
			if strings.Contains(string(r.Stdout), "WROTE") || strings.Count(string(r.Stdout), "DENIED") != 7 {
				t.Fatalf("a system directory was writable: %s", r.Stdout)
			}
			for _, p := range []string{"/usr/pwned-", "/etc/pwned-", "/pwned-"} {
				if _, err := os.Stat(p + e.mark); err == nil {
					t.Fatalf("the sandbox wrote %s on the host", p+e.mark)
				}
			}
		},
	},
	{
		name: "signal_init_and_parent",
		src: map[sandbox.Language]string{
			sandbox.Python:     "import os,signal\nfor pid in (1, os.getppid()):\n  try: os.kill(pid, signal.SIGKILL)\n  except OSError: pass\nprint('alive')\n",
			sandbox.JavaScript: "for (const p of [1, process.ppid]) { try { process.kill(p,'SIGKILL') } catch(e) {} }\nconsole.log('alive')\n",
			sandbox.Java: java(`long pp = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
new ProcessBuilder("/bin/sh", "-c", "kill -9 1 \"$0\"", String.valueOf(pp)).start().waitFor(); System.out.println("alive");`),
			sandbox.Go:  golang("fmt os syscall", "syscall.Kill(1, syscall.SIGKILL)\nsyscall.Kill(os.Getppid(), syscall.SIGKILL)\nfmt.Println(\"alive\")"),
			sandbox.Cpp: cpp(`kill(1, SIGKILL); kill(getppid(), SIGKILL); puts("alive");`),
		},
		check: stdoutHas(sandbox.StatusOK, "alive"),
	},
	{
		name: "sees_only_its_own_processes",
		src: map[sandbox.Language]string{
			sandbox.Python:     "import os\nprint('PIDS', len([p for p in os.listdir('/proc') if p.isdigit()]))\n",
			sandbox.JavaScript: "console.log('PIDS', require('fs').readdirSync('/proc').filter(p=>/^\\d+$/.test(p)).length)\n",
			sandbox.Java:       java(`System.out.println("PIDS " + new File("/proc").list((d, n) -> n.matches("\\d+")).length);`),
			sandbox.Go: golang("fmt os", `es, _ := os.ReadDir("/proc")
n := 0
for _, e := range es {
	if c := e.Name()[0]; c >= '0' && c <= '9' {
		n++
	}
}
fmt.Println("PIDS", n)`),
			sandbox.Cpp: cpp(`int n = 0; for (auto &e : filesystem::directory_iterator("/proc")) { auto s = e.path().filename().string(); if (isdigit(s[0])) n++; } printf("PIDS %d\n", n);`),
		},
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			var n int
			if _, err := fmt.Sscanf(string(r.Stdout), "PIDS %d", &n); err != nil || n < 1 || n > 5 {
				t.Fatalf("the sandbox sees %d processes (%q): want only its own", n, r.Stdout)
			}
		},
	},
	{
		name: "denied_syscalls",
		only: func(o Options) bool { return o.Seccomp },
		src: map[sandbox.Language]string{
			sandbox.Python: "import ctypes\nlibc=ctypes.CDLL(None,use_errno=True)\n" +
				"for name,call in (('unshare',lambda: libc.unshare(0x10000000)),('ptrace',lambda: libc.ptrace(0,0,0,0)),('mount',lambda: libc.mount(b'none',b'/tmp',b'tmpfs',0,None)),('keyctl',lambda: libc.syscall(250,0,0,0,0))):\n" +
				"  r=call(); e=ctypes.get_errno(); print(name, 'DENIED' if r==-1 and e==1 else 'ALLOWED %d %d'%(r,e))\n",
			sandbox.Go: golang("fmt syscall", `for _, c := range []struct {
	name string
	nr   uintptr
	a    uintptr
}{{"unshare", syscall.SYS_UNSHARE, syscall.CLONE_NEWUSER}, {"ptrace", syscall.SYS_PTRACE, 0}, {"io_uring_setup", 425, 1}, {"bpf", 321, 0}} {
	r, _, e := syscall.RawSyscall(c.nr, c.a, 0, 0)
	if e == syscall.EPERM {
		fmt.Println(c.name, "DENIED")
	} else {
		fmt.Println(c.name, "ALLOWED", int(r), int(e))
	}
}`),
			sandbox.Cpp: "#include <sched.h>\n#include <sys/ptrace.h>\n#include <sys/mount.h>\n#include <sys/syscall.h>\n#include <unistd.h>\n#include <errno.h>\n#include <stdio.h>\n" +
				"static void show(const char *n, long r) { printf(\"%s %s\\n\", n, r == -1 && errno == EPERM ? \"DENIED\" : \"ALLOWED\"); }\n" +
				"int main() { show(\"unshare\", unshare(CLONE_NEWUSER)); show(\"ptrace\", ptrace(PTRACE_TRACEME, 0, 0, 0));\n" +
				"show(\"mount\", mount(\"none\", \"/tmp\", \"tmpfs\", 0, 0)); show(\"io_uring_setup\", syscall(425, 1, 0)); show(\"perf_event_open\", syscall(SYS_perf_event_open, 0, 0, -1, -1, 0)); }\n",
		},
		check: func(t *testing.T, r *sandbox.Result, e *caseEnv) {
			stdoutHas(sandbox.StatusOK, "DENIED")(t, r, e)
			if strings.Contains(string(r.Stdout), "ALLOWED") {
				t.Fatalf("a denied syscall went through: %s", r.Stdout)
			}
		},
	},
}

// persistSrc prints FOUND for a path on stdin that exists, then creates it.
var persistSrc = map[sandbox.Language]string{
	sandbox.Python: "import os,sys\nfor p in sys.stdin.read().split():\n  if os.path.exists(p): print('FOUND', p)\n  try: open(p,'w').write('x')\n  except OSError: pass\nprint('done')\n",
	sandbox.JavaScript: "const fs=require('fs');\nfor (const p of fs.readFileSync(0,'utf8').split(/\\s+/).filter(Boolean)) {\n" +
		"  if (fs.existsSync(p)) console.log('FOUND', p); try { fs.writeFileSync(p,'x') } catch(e) {}\n}\nconsole.log('done')\n",
	sandbox.Java: java(`for (String p : new String(System.in.readAllBytes()).trim().split("\\s+")) {
  if (new File(p).exists()) System.out.println("FOUND " + p);
  try (FileWriter w = new FileWriter(p)) { w.write("x"); } catch (IOException e) {}
}
System.out.println("done");`),
	sandbox.Go: golang("fmt io os strings", `b, _ := io.ReadAll(os.Stdin)
for _, p := range strings.Fields(string(b)) {
	if _, err := os.Stat(p); err == nil {
		fmt.Println("FOUND", p)
	}
	os.WriteFile(p, []byte("x"), 0o644)
}
fmt.Println("done")`),
	sandbox.Cpp: cpp(`string p;
while (cin >> p) { if (access(p.c_str(), F_OK) == 0) cout << "FOUND " << p << "\n"; FILE *f = fopen(p.c_str(), "w"); if (f) fclose(f); }
cout << "done\n";`),
}

func (s *suite) abuse(t *testing.T) {
	// The host side: a listener the sandbox must not reach, a secret file
	// and a secret environment variable it must not read.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var accepted atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	secret := "secret-" + s.mark
	secretPath := filepath.Join(t.TempDir(), "mockroom.db")
	if err := os.WriteFile(secretPath, []byte("database "+secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Dirs up to the file must be traversable, so only the sandbox stops it.
	for d := filepath.Dir(secretPath); d != "/"; d = filepath.Dir(d) {
		if st, err := os.Stat(d); err == nil && st.Mode().Perm()&0o005 != 0o005 {
			os.Chmod(d, st.Mode().Perm()|0o005)
		}
	}

	t.Run("matrix", func(t *testing.T) {
		for _, c := range append(slices.Clone(abuseCases), stashCase) {
			if c.only != nil && !c.only(s.o) || s.o.Only != nil && !slices.Contains(s.o.Only, c.name) {
				continue
			}
			src := c.src
			if c.name == "files_persisting_between_runs" {
				src = persistSrc
			}
			t.Run(c.name, func(t *testing.T) {
				for _, lang := range s.abuseLangs {
					code, ok := src[lang]
					if !ok {
						continue
					}
					t.Run(string(lang), func(t *testing.T) {
						if !c.serial {
							t.Parallel()
						}
						e := &caseEnv{mark: s.mark + "-" + c.name + "-" + string(lang), hostPort: port, secretPath: secretPath, secret: secret, lang: lang}
						b := s.compile(t, lang, strings.ReplaceAll(code, "MARK", e.mark))
						if c.stdins != nil {
							for i, in := range c.stdins(e) {
								c.checkEach(t, i, s.run(t, b, in, limits(lang)), e)
							}
							return
						}
						stdin := ""
						if c.stdin != nil {
							stdin = c.stdin(e)
						}
						lim := limits(lang)
						if c.cpuTime > 0 {
							lim.CPUTime, lim.WallTime = c.cpuTime, c.cpuTime+2*time.Second
						}
						var r *sandbox.Result
						for range max(c.runs, 1) {
							r = s.run(t, b, stdin, lim)
						}
						c.check(t, r, e)
					})
				}
			})
		}
	})
	if n := accepted.Load(); n != 0 {
		t.Errorf("the sandbox reached a host port on loopback %d times", n)
	}
	if s.o.Only == nil {
		t.Run("compile_bombs", s.compileBombs)
	}
	s.healthy(t)
}

// compileBombs: a compiler fed /dev/random or runaway templates must fail
// within its limits, never hang.
func (s *suite) compileBombs(t *testing.T) {
	testenv.NeedToolchain(t, sandbox.Cpp, s.langs)
	for name, src := range map[string]string{
		"include_dev_random": "#include </dev/random>\nint main() {}\n",
		"template_recursion": "template<int N> struct F { static const long v = F<N - 1>::v + 1; };\nint main() { return F<100000>::v; }\n",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			lim := sandbox.Limits{CPUTime: 3 * time.Second, WallTime: 4 * time.Second}
			start := time.Now()
			b, err := s.r.Compile(ctx(t), sandbox.Program{Language: sandbox.Cpp, Files: map[string][]byte{"main.cpp": []byte(src)}}, lim)
			if err != nil {
				t.Fatal(err)
			}
			if b.OK {
				t.Fatal("the bomb compiled")
			}
			if d := time.Since(start); d > lim.WallTime+3*time.Second {
				t.Fatalf("compile took %v, over its limit", d)
			}
			t.Logf("diagnostics: %.200s", b.Diagnostics)
		})
	}
}
