//go:build !unix

package main

import "os/exec"

// killGroup does nothing here: the context kills soffice itself.
func killGroup(*exec.Cmd) {}
