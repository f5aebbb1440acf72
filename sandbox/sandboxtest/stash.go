package sandboxtest

import (
	"strconv"
	"strings"
	"testing"

	"github.com/mockroom/mockroom/sandbox"
)

// The stash case: a run stores a secret in every kernel object and file it
// can reach that might outlive it, and the next runs (the same build, so
// most likely the same pooled container) look for it. Nothing may come
// back: "LEAK" in the output of a later run fails the case. The programs
// read "put|get NAME KEY" on stdin; NAME is the secret and the objects'
// name, KEY the SysV IPC key. Each channel prints STORED/DENIED (put) or
// EMPTY/LEAK (get). Node and the JVM have no SysV IPC or keyring API, so
// their programs do what a candidate would: run the Python program.

// stashPython is the Python program, also run by the JavaScript and Java ones.
const stashPython = `import ctypes, os, socket, sys
mode, name, key = sys.stdin.read().split()
key = int(key)
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
BAD = ctypes.c_void_p(-1).value
IPC_CREAT, IPC_NOWAIT = 0o1000, 0o4000
NR = {'x86_64': (248, 249, 250), 'aarch64': (217, 218, 219)}[os.uname().machine]  # add_key, request_key, keyctl

def shm():
    if mode == 'put':
        i = libc.shmget(key, 4096, IPC_CREAT | 0o666)
        p = libc.shmat(i, None, 0) if i >= 0 else BAD
        if p in (None, BAD): return 'DENIED'
        ctypes.memmove(p, name.encode(), len(name))
        return 'STORED'
    i = libc.shmget(key, 0, 0)
    p = libc.shmat(i, None, 0o10000) if i >= 0 else BAD
    return 'EMPTY' if p in (None, BAD) else 'LEAK ' + ctypes.string_at(p).decode('latin1')

class Msg(ctypes.Structure):
    _fields_ = [('type', ctypes.c_long), ('text', ctypes.c_char * 256)]

def msg():
    m = Msg(1, name.encode())
    if mode == 'put':
        i = libc.msgget(key, IPC_CREAT | 0o666)
        return 'STORED' if i >= 0 and libc.msgsnd(i, ctypes.byref(m), len(name) + 1, IPC_NOWAIT) == 0 else 'DENIED'
    m = Msg()
    i = libc.msgget(key, 0)
    return 'LEAK ' + m.text.decode('latin1') if i >= 0 and libc.msgrcv(i, ctypes.byref(m), 256, 0, IPC_NOWAIT) > 0 else 'EMPTY'

def sem():
    if mode == 'put':
        i = libc.semget(key, 1, IPC_CREAT | 0o666)
        return 'STORED' if i >= 0 and libc.semctl(i, 0, 16, 4242) == 0 else 'DENIED'  # SETVAL
    i = libc.semget(key, 1, 0)
    v = libc.semctl(i, 0, 12) if i >= 0 else -1  # GETVAL
    return 'LEAK %d' % v if v > 0 else 'EMPTY'

def mq():
    q = ('/' + name).encode()
    if mode == 'put':
        d = libc.mq_open(q, os.O_CREAT | os.O_WRONLY, 0o666, None)
        return 'STORED' if d >= 0 and libc.mq_send(d, name.encode(), len(name), 0) == 0 else 'DENIED'
    d = libc.mq_open(q, os.O_RDONLY | os.O_NONBLOCK)
    b = ctypes.create_string_buffer(8192)
    n = libc.mq_receive(d, b, 8192, None) if d >= 0 else -1
    return 'LEAK ' + b.raw[:n].decode('latin1') if n > 0 else 'EMPTY'

def keyring():
    if mode == 'put':
        return 'STORED' if libc.syscall(NR[0], b'user', name.encode(), name.encode(), len(name), -4) > 0 else 'DENIED'
    k = libc.syscall(NR[2], 10, -4, b'user', name.encode(), 0)  # KEYCTL_SEARCH in the user keyring
    b = ctypes.create_string_buffer(256)
    n = libc.syscall(NR[2], 11, k, b, 256) if k > 0 else -1  # KEYCTL_READ
    return 'LEAK ' + b.raw[:n].decode('latin1') if n > 0 else 'EMPTY'

def abstract_socket():
    s = socket.socket(socket.AF_UNIX)
    if mode == 'put':
        s.bind('\0' + name)
        s.listen(1)
        if os.fork() == 0:  # a server that outlives this program, if it can
            os.setsid()
            os.close(1)
            os.close(2)
            while True:
                c, _ = s.accept()
                c.sendall(name.encode())
                c.close()
        return 'STORED'
    try:
        s.connect('\0' + name)
    except OSError:
        return 'EMPTY'
    return 'LEAK ' + s.recv(256).decode('latin1')

def files():
    out = []
    for d in ('/w/', '/tmp/'):
        try:
            if mode == 'put':
                open(d + name, 'w').write(name)
                out.append(d + ' STORED')
            else:
                out.append('LEAK ' + open(d + name).read())
        except OSError:
            out.append(d + (' DENIED' if mode == 'put' else ' EMPTY'))
    return ' '.join(out)

for f in (shm, msg, sem, mq, keyring, abstract_socket, files):
    try:
        r = f()
    except Exception as e:
        r = 'ERROR %r' % e
    print(f.__name__ + ':', r, flush=True)
print('done', flush=True)
`

const stashCpp = `#include <bits/stdc++.h>
#include <unistd.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/syscall.h>
using namespace std;
string mode, name; int key;
string shm() {
  if (mode == "put") { int i = shmget(key, 4096, IPC_CREAT | 0666); void *p = i < 0 ? (void*)-1 : shmat(i, 0, 0); if (p == (void*)-1) return "DENIED"; strcpy((char*)p, name.c_str()); return "STORED"; }
  int i = shmget(key, 0, 0); void *p = i < 0 ? (void*)-1 : shmat(i, 0, SHM_RDONLY); return p == (void*)-1 ? "EMPTY" : "LEAK " + string((char*)p);
}
struct M { long type; char text[256]; };
string msg() {
  M m{}; m.type = 1; strcpy(m.text, name.c_str());
  if (mode == "put") { int i = msgget(key, IPC_CREAT | 0666); return i >= 0 && msgsnd(i, &m, name.size() + 1, IPC_NOWAIT) == 0 ? "STORED" : "DENIED"; }
  memset(&m, 0, sizeof m); int i = msgget(key, 0); return i >= 0 && msgrcv(i, &m, sizeof m.text, 0, IPC_NOWAIT) > 0 ? "LEAK " + string(m.text) : "EMPTY";
}
string sem() {
  if (mode == "put") { int i = semget(key, 1, IPC_CREAT | 0666); return i >= 0 && semctl(i, 0, SETVAL, 4242) == 0 ? "STORED" : "DENIED"; }
  int i = semget(key, 1, 0); int v = i < 0 ? -1 : semctl(i, 0, GETVAL); return v > 0 ? "LEAK " + to_string(v) : "EMPTY";
}
string mq() {
  string q = "/" + name;
  if (mode == "put") { mqd_t d = mq_open(q.c_str(), O_CREAT | O_WRONLY, 0666, nullptr); return d != (mqd_t)-1 && mq_send(d, name.c_str(), name.size(), 0) == 0 ? "STORED" : "DENIED"; }
  static char b[8192]; mqd_t d = mq_open(q.c_str(), O_RDONLY | O_NONBLOCK); ssize_t n = d == (mqd_t)-1 ? -1 : mq_receive(d, b, sizeof b, nullptr); return n > 0 ? "LEAK " + string(b, n) : "EMPTY";
}
string keyring() {
  if (mode == "put") return syscall(SYS_add_key, "user", name.c_str(), name.c_str(), (long)name.size(), -4L) > 0 ? "STORED" : "DENIED";
  char b[256]; long k = syscall(SYS_keyctl, 10L, -4L, "user", name.c_str(), 0L); long n = k > 0 ? syscall(SYS_keyctl, 11L, k, b, (long)sizeof b) : -1;
  return n > 0 ? "LEAK " + string(b, min<long>(n, sizeof b)) : "EMPTY";
}
string abstract_socket() {
  sockaddr_un a{}; a.sun_family = AF_UNIX; memcpy(a.sun_path + 1, name.data(), name.size());
  socklen_t len = offsetof(sockaddr_un, sun_path) + 1 + name.size(); int s = socket(AF_UNIX, SOCK_STREAM, 0);
  if (mode == "put") {
    if (bind(s, (sockaddr*)&a, len) || listen(s, 1)) return "DENIED";
    fflush(stdout);
    if (fork() == 0) { setsid(); close(1); close(2); for (;;) { int c = accept(s, 0, 0); if (c >= 0) { if (write(c, name.data(), name.size())) {} close(c); } } }
    return "STORED";
  }
  if (connect(s, (sockaddr*)&a, len)) return "EMPTY";
  char b[256]; ssize_t n = read(s, b, sizeof b); return "LEAK " + string(b, max<ssize_t>(n, 0));
}
string files() {
  string out;
  for (string d : {"/w/", "/tmp/"}) {
    string p = d + name;
    if (mode == "put") { FILE *f = fopen(p.c_str(), "w"); out += d + (f && fputs(name.c_str(), f) >= 0 ? " STORED " : " DENIED "); if (f) fclose(f); }
    else { ifstream f(p); string c; if (f >> c) out += "LEAK " + c + " "; else out += d + " EMPTY "; }
  }
  return out;
}
int main() {
  cin >> mode >> name >> key;
  pair<const char*, string (*)()> ch[] = {{"shm", shm}, {"msg", msg}, {"sem", sem}, {"mq", mq}, {"keyring", keyring}, {"abstract_socket", abstract_socket}, {"files", files}};
  for (auto &[n, f] : ch) { string r = f(); printf("%s: %s\n", n, r.c_str()); fflush(stdout); }
  puts("done");
}
`

var stashGo = golang("fmt net os os/exec strings syscall time unsafe", `if len(os.Args) == 3 && os.Args[1] == "serve" { // the abstract socket's server
	l, err := net.Listen("unix", "@"+os.Args[2])
	if err != nil {
		return
	}
	for {
		if c, err := l.Accept(); err == nil {
			c.Write([]byte(os.Args[2]))
			c.Close()
		}
	}
}
var mode, name string
var key uintptr
fmt.Fscan(os.Stdin, &mode, &name, &key)
put := mode == "put"
ptr := func(b []byte) uintptr { return uintptr(unsafe.Pointer(&b[0])) }
cstr := func(s string) []byte { return append([]byte(s), 0) }
sys := func(nr uintptr, a ...uintptr) (uintptr, bool) {
	a = append(a, 0, 0, 0, 0, 0, 0)
	r, _, e := syscall.Syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5])
	return r, e == 0
}
res := func(ok bool, stored string) string {
	switch {
	case ok && put:
		return "STORED"
	case ok:
		return "LEAK " + stored
	case put:
		return "DENIED"
	}
	return "EMPTY"
}
cString := func(p uintptr) string {
	b := unsafe.Slice((*byte)(unsafe.Pointer(p)), 256)
	n := 0
	for n < len(b) && b[n] != 0 {
		n++
	}
	return string(b[:n])
}
channels := []struct {
	name string
	try  func() string
}{
	{"shm", func() string {
		if put {
			id, ok := sys(syscall.SYS_SHMGET, key, 4096, 0o1666)
			p, ok2 := sys(syscall.SYS_SHMAT, id, 0, 0)
			if ok && ok2 {
				copy(unsafe.Slice((*byte)(unsafe.Pointer(p)), 4096), name)
			}
			return res(ok && ok2, "")
		}
		id, ok := sys(syscall.SYS_SHMGET, key, 0, 0)
		if !ok {
			return "EMPTY"
		}
		p, ok := sys(syscall.SYS_SHMAT, id, 0, 0o10000)
		if !ok {
			return "EMPTY"
		}
		return res(true, cString(p))
	}},
	{"msg", func() string {
		var m struct {
			typ  int64
			text [256]byte
		}
		m.typ = 1
		copy(m.text[:], name)
		if put {
			id, ok := sys(syscall.SYS_MSGGET, key, 0o1666)
			_, ok2 := sys(syscall.SYS_MSGSND, id, uintptr(unsafe.Pointer(&m)), uintptr(len(name)), 0o4000)
			return res(ok && ok2, "")
		}
		m = struct {
			typ  int64
			text [256]byte
		}{}
		id, ok := sys(syscall.SYS_MSGGET, key, 0)
		if !ok {
			return "EMPTY"
		}
		n, ok := sys(syscall.SYS_MSGRCV, id, uintptr(unsafe.Pointer(&m)), 256, 0, 0o4000)
		return res(ok, string(m.text[:n%257]))
	}},
	{"sem", func() string {
		if put {
			id, ok := sys(syscall.SYS_SEMGET, key, 1, 0o1666)
			_, ok2 := sys(syscall.SYS_SEMCTL, id, 0, 16, 4242)
			return res(ok && ok2, "")
		}
		id, ok := sys(syscall.SYS_SEMGET, key, 1, 0)
		if !ok {
			return "EMPTY"
		}
		v, ok := sys(syscall.SYS_SEMCTL, id, 0, 12)
		return res(ok && v > 0, fmt.Sprint(v))
	}},
	{"mq", func() string {
		q := cstr(name) // the kernel's name has no leading slash
		if put {
			d, ok := sys(syscall.SYS_MQ_OPEN, ptr(q), uintptr(syscall.O_CREAT|syscall.O_WRONLY), 0o666, 0)
			b := []byte(name)
			_, ok2 := sys(syscall.SYS_MQ_TIMEDSEND, d, ptr(b), uintptr(len(b)), 0, 0)
			return res(ok && ok2, "")
		}
		d, ok := sys(syscall.SYS_MQ_OPEN, ptr(q), uintptr(syscall.O_RDONLY|syscall.O_NONBLOCK), 0, 0)
		if !ok {
			return "EMPTY"
		}
		b := make([]byte, 8192)
		n, ok := sys(syscall.SYS_MQ_TIMEDRECEIVE, d, ptr(b), 8192, 0, 0)
		return res(ok, string(b[:n%8193]))
	}},
	{"keyring", func() string {
		user, desc := cstr("user"), cstr(name)
		userKeyring := ^uintptr(3) // KEY_SPEC_USER_KEYRING, -4
		if put {
			_, ok := sys(syscall.SYS_ADD_KEY, ptr(user), ptr(desc), ptr(desc), uintptr(len(name)), userKeyring)
			return res(ok, "")
		}
		k, ok := sys(syscall.SYS_KEYCTL, 10, userKeyring, ptr(user), ptr(desc), 0)
		if !ok {
			return "EMPTY"
		}
		b := make([]byte, 256)
		n, ok := sys(syscall.SYS_KEYCTL, 11, k, ptr(b), 256)
		return res(ok, string(b[:min(n, 256)]))
	}},
	{"abstract_socket", func() string {
		if put {
			if exec.Command(os.Args[0], "serve", name).Start() != nil {
				return "DENIED"
			}
			for range 50 {
				if c, err := net.Dial("unix", "@"+name); err == nil {
					c.Close()
					return "STORED"
				}
				time.Sleep(20 * time.Millisecond)
			}
			return "DENIED"
		}
		c, err := net.Dial("unix", "@"+name)
		if err != nil {
			return "EMPTY"
		}
		b := make([]byte, 256)
		n, _ := c.Read(b)
		return res(true, string(b[:n]))
	}},
	{"files", func() string {
		var out []string
		for _, d := range []string{"/w/", "/tmp/"} {
			if put {
				out = append(out, d+" "+res(os.WriteFile(d+name, []byte(name), 0o644) == nil, ""))
				continue
			}
			b, err := os.ReadFile(d + name)
			out = append(out, d+" "+res(err == nil, string(b)))
		}
		return strings.Join(out, " ")
	}},
}
for _, c := range channels {
	fmt.Println(c.name+":", c.try())
}
fmt.Println("done")`)

// stashFiles is the JavaScript and Java programs' own channel (files);
// everything else goes through stashPython.
var stashSrc = map[sandbox.Language]string{
	sandbox.Python: stashPython,
	sandbox.Cpp:    stashCpp,
	sandbox.Go:     stashGo,
	sandbox.JavaScript: `const fs = require('fs'), cp = require('child_process');
const input = fs.readFileSync(0, 'utf8');
const [mode, name] = input.trim().split(/\s+/);
for (const d of ['/w/', '/tmp/']) {
  try {
    if (mode === 'put') { fs.writeFileSync(d + name, name); console.log('files:', d, 'STORED'); }
    else console.log('files: LEAK', fs.readFileSync(d + name, 'utf8'));
  } catch (e) { console.log('files:', d, mode === 'put' ? 'DENIED' : 'EMPTY'); }
}
cp.spawnSync('` + "/usr/bin/python3" + `', ['-c', ` + strconv.Quote(stashPython) + `], {input, stdio: ['pipe', 'inherit', 'inherit']});
console.log('done');
`,
	sandbox.Java: java(`String input = new String(System.in.readAllBytes());
String[] in = input.trim().split("\\s+");
boolean put = in[0].equals("put");
for (String d : new String[] {"/w/", "/tmp/"}) {
  try {
    if (put) { Files.writeString(Paths.get(d + in[1]), in[1]); System.out.println("files: " + d + " STORED"); }
    else System.out.println("files: LEAK " + Files.readString(Paths.get(d + in[1])));
  } catch (IOException e) { System.out.println("files: " + d + (put ? " DENIED" : " EMPTY")); }
}
System.out.flush();
Process p = new ProcessBuilder("/usr/bin/python3", "-c", ` + strconv.Quote(stashPython) + `)
  .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
p.getOutputStream().write(input.getBytes());
p.getOutputStream().close();
p.waitFor();
System.out.println("done");`),
}

// stashCase: one put, then gets.
var stashCase = abuseCase{
	name:   "stash_between_runs",
	src:    stashSrc,
	serial: true, // one run after the other, so the pool hands the next run the container the put used
	stdins: func(e *caseEnv) []string {
		key := strconv.Itoa(0x4d52_0000 + int(crc(e.mark)&0xffff))
		return []string{"put " + e.mark + " " + key, "get " + e.mark + " " + key, "get " + e.mark + " " + key}
	},
	checkEach: func(t *testing.T, i int, r *sandbox.Result, e *caseEnv) {
		t.Helper()
		if r.Status != sandbox.StatusOK || !strings.Contains(string(r.Stdout), "done") {
			t.Fatalf("run %d: status %s, want ok and done (stdout %.2000q stderr %.500q)", i, r.Status, r.Stdout, r.Stderr)
		}
		if i == 0 {
			t.Logf("put: %s", r.Stdout)
			return
		}
		if strings.Contains(string(r.Stdout), "LEAK") || strings.Contains(string(r.Stdout), "ERROR") {
			t.Fatalf("run %d read what an earlier run stored:\n%s", i, r.Stdout)
		}
	},
}

// crc is a small stable hash for the IPC key.
func crc(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}
