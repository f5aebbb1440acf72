package toolchain

import (
	"fmt"
	"strings"
)

// DeniedSyscalls fail with EPERM inside the sandbox, on the local runner
// (sandbox/local builds the filter) and on a go-judge server (SeccompYAML).
// None is needed by a solution or a compiler; each either widens the kernel
// surface an exploit could reach or creates a kernel object that outlives
// the process that made it. The container of a run is reused by the next
// run, whoever submits it, so such an object is a channel between runs:
// hidden inputs stashed in a SysV shared-memory segment, message queue or
// semaphore, a POSIX message queue or a key in the user keyring would be
// readable by the next run, and their memory would stay pinned after the
// run ends. The abuse suite (sandboxtest, "stash_between_runs") tries every
// such channel in every language.
var DeniedSyscalls = []string{
	// Kernel objects that outlive a process: SysV IPC, POSIX message
	// queues, keyrings.
	"shmget", "shmat", "shmdt", "shmctl",
	"msgget", "msgsnd", "msgrcv", "msgctl",
	"semget", "semop", "semtimedop", "semctl",
	"mq_open", "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify", "mq_getsetattr",
	"keyctl", "add_key", "request_key",
	// Cross-process access, namespaces and mounts.
	"ptrace", "process_vm_readv", "process_vm_writev",
	"mount", "umount2", "pivot_root", "chroot",
	"fsopen", "fsmount", "fsconfig", "fspick", "move_mount", "open_tree", "mount_setattr",
	"unshare", "setns",
	// Kernel surface no program needs.
	"bpf", "perf_event_open", "userfaultfd",
	"io_uring_setup", "io_uring_enter", "io_uring_register",
	"kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
	"swapon", "swapoff", "reboot", "acct", "syslog", "quotactl",
	"settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
	"open_by_handle_at", "name_to_handle_at", "lookup_dcookie",
}

// NamespaceCloneFlags in clone's flags argument are refused: a new
// namespace is how most container escapes begin (clone itself is needed by
// threads). CLONE_NEWUSER|NEWNS|NEWPID|NEWNET|NEWIPC|NEWUTS|NEWCGROUP|NEWTIME.
const NamespaceCloneFlags = 0x10000000 | 0x00020000 | 0x20000000 | 0x40000000 | 0x08000000 | 0x04000000 | 0x02000000 | 0x00000080

// SeccompYAML writes the seccomp policy for a go-judge server built with
// `-tags seccomp` and started with `-seccomp-conf` (the format of
// github.com/elastic/go-seccomp-bpf): EPERM for DeniedSyscalls and for clone
// with a namespace flag, everything else allowed.
//
// It is weaker than the local runner's filter in two ways the format cannot
// express, so the fleet's hosts must close them (docs/adr/0003-sandbox.md):
// a system call of another architecture (int 0x80 on x86-64) gets the
// default action, allow, instead of a kill, so hosts must boot with
// ia32_emulation=0 (or a kernel without IA32 emulation); and clone3 cannot
// be answered with ENOSYS (the format only returns EPERM, which glibc does
// not fall back from), so it stays allowed and namespaces made through
// clone3 are not refused.
func SeccompYAML() string {
	var b strings.Builder
	b.WriteString("default_action: allow\nsyscalls:\n  - action: errno\n    names:\n")
	for _, n := range DeniedSyscalls {
		fmt.Fprintf(&b, "      - %s\n", n)
	}
	fmt.Fprintf(&b, "  - action: errno\n    names_with_args:\n      - name: clone\n        arguments:\n"+
		"          - argument: 0\n            operation: BitsSet\n            value: %d\n", NamespaceCloneFlags)
	return b.String()
}
