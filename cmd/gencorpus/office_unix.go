//go:build unix

package main

import (
	"os/exec"
	"syscall"
)

// killGroup makes cmd start a process group of its own and, when its
// context ends, kills the whole group, not just the first process.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
