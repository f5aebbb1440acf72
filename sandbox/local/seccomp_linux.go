package local

import (
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// deniedSyscalls fail with EPERM inside the sandbox. None is needed by a
// solution or a compiler; each widens the kernel surface an exploit could
// reach (namespaces, mounts, keyrings, eBPF, io_uring, ptrace, modules,
// perf, reboot and clock changes, cross-process memory access).
var deniedSyscalls = []uintptr{
	unix.SYS_PTRACE, unix.SYS_PROCESS_VM_READV, unix.SYS_PROCESS_VM_WRITEV,
	unix.SYS_MOUNT, unix.SYS_UMOUNT2, unix.SYS_PIVOT_ROOT, unix.SYS_CHROOT,
	unix.SYS_FSOPEN, unix.SYS_FSMOUNT, unix.SYS_FSCONFIG, unix.SYS_FSPICK, unix.SYS_MOVE_MOUNT, unix.SYS_OPEN_TREE, unix.SYS_MOUNT_SETATTR,
	unix.SYS_UNSHARE, unix.SYS_SETNS,
	unix.SYS_KEYCTL, unix.SYS_ADD_KEY, unix.SYS_REQUEST_KEY,
	unix.SYS_BPF, unix.SYS_PERF_EVENT_OPEN, unix.SYS_USERFAULTFD,
	unix.SYS_IO_URING_SETUP, unix.SYS_IO_URING_ENTER, unix.SYS_IO_URING_REGISTER,
	unix.SYS_KEXEC_LOAD, unix.SYS_KEXEC_FILE_LOAD, unix.SYS_INIT_MODULE, unix.SYS_FINIT_MODULE, unix.SYS_DELETE_MODULE,
	unix.SYS_SWAPON, unix.SYS_SWAPOFF, unix.SYS_REBOOT, unix.SYS_ACCT, unix.SYS_SYSLOG, unix.SYS_QUOTACTL,
	unix.SYS_SETTIMEOFDAY, unix.SYS_CLOCK_SETTIME, unix.SYS_CLOCK_ADJTIME, unix.SYS_ADJTIMEX,
	unix.SYS_OPEN_BY_HANDLE_AT, unix.SYS_NAME_TO_HANDLE_AT, unix.SYS_LOOKUP_DCOOKIE,
}

// namespaceFlags in clone's flags argument are refused: a new namespace is
// how most container escapes begin (clone is otherwise needed by threads).
const namespaceFlags = unix.CLONE_NEWUSER | unix.CLONE_NEWNS | unix.CLONE_NEWPID | unix.CLONE_NEWNET |
	unix.CLONE_NEWIPC | unix.CLONE_NEWUTS | unix.CLONE_NEWCGROUP | unix.CLONE_NEWTIME

// seccompFilter assembles a classic-BPF seccomp program: kill on a foreign
// architecture (no x32 or i386 entry points either), EPERM for
// deniedSyscalls and for clone with namespace flags, ENOSYS for clone3 (its
// flags live in memory a filter cannot read; glibc then falls back to
// clone), allow the rest. It returns nil where the architecture is not one
// we know; the caller logs that seccomp is off.
func seccompFilter() []syscall.SockFilter {
	var arch uint32
	switch runtime.GOARCH {
	case "amd64":
		arch = unix.AUDIT_ARCH_X86_64
	case "arm64":
		arch = unix.AUDIT_ARCH_AARCH64
	default:
		return nil
	}
	const (
		ldAbs  = unix.BPF_LD | unix.BPF_W | unix.BPF_ABS
		jeq    = unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K
		jge    = unix.BPF_JMP | unix.BPF_JGE | unix.BPF_K
		jset   = unix.BPF_JMP | unix.BPF_JSET | unix.BPF_K
		ret    = unix.BPF_RET | unix.BPF_K
		offNr  = 0  // seccomp_data.nr
		offArc = 4  // seccomp_data.arch
		offA0  = 16 // seccomp_data.args[0], low 32 bits (little endian)
	)
	var f []syscall.SockFilter
	stmt := func(code uint16, k uint32) { f = append(f, syscall.SockFilter{Code: code, K: k}) }
	jump := func(code uint16, k uint32, jt, jf uint8) {
		f = append(f, syscall.SockFilter{Code: code, Jt: jt, Jf: jf, K: k})
	}
	// Tail, referenced by index from the end: ... ALLOW, EPERM, ENOSYS, KILL.
	stmt(ldAbs, offArc)
	jump(jeq, arch, 1, 0)
	stmt(ret, unix.SECCOMP_RET_KILL_PROCESS)
	stmt(ldAbs, offNr)
	if arch == unix.AUDIT_ARCH_X86_64 {
		jump(jge, 0x40000000, 0, 1) // x32 syscall numbers
		stmt(ret, unix.SECCOMP_RET_ERRNO|uint32(unix.EPERM))
	}
	for _, nr := range deniedSyscalls {
		jump(jeq, uint32(nr), 0, 1)
		stmt(ret, unix.SECCOMP_RET_ERRNO|uint32(unix.EPERM))
	}
	jump(jeq, uint32(unix.SYS_CLONE3), 0, 1)
	stmt(ret, unix.SECCOMP_RET_ERRNO|uint32(unix.ENOSYS))
	jump(jeq, uint32(unix.SYS_CLONE), 0, 3)
	stmt(ldAbs, offA0)
	jump(jset, namespaceFlags, 0, 1)
	stmt(ret, unix.SECCOMP_RET_ERRNO|uint32(unix.EPERM))
	stmt(ret, unix.SECCOMP_RET_ALLOW)
	return f
}
