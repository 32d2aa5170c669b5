package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/prescreen/prescreen/policy"
)

const policyUsage = `Usage:
  prescreen policy show   [--policy P]                         print the policy file
  prescreen policy notice [--policy P] [--role R] [--lang en|zh] print the privacy notice for candidates
  prescreen policy check  FILE                                 validate a policy file

P is default, blind, or a YAML file; start a new policy from "prescreen policy show".
`

func runPolicy(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, policyUsage)
		return usagef("policy: no subcommand given")
	}
	fs := flag.NewFlagSet("policy "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, policyUsage) }
	name := fs.String("policy", "default", "policy: default, blind, or a YAML file")
	role := fs.String("role", "", "job profile to apply")
	lang := fs.String("lang", "en", "notice language: en or zh")
	pos, err := parseArgs(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	switch args[0] {
	case "show":
		switch *name {
		case "default":
			_, err := stdout.Write(policy.DefaultYAML())
			return err
		case "blind":
			_, err := stdout.Write(policy.BlindYAML())
			return err
		}
		if _, err := loadPolicy(*name, ""); err != nil {
			return err
		}
		b, err := os.ReadFile(*name)
		if err != nil {
			return err
		}
		_, err = stdout.Write(b)
		return err
	case "notice":
		p, err := loadPolicy(*name, *role)
		if err != nil {
			return err
		}
		if *lang != "en" && *lang != "zh" {
			return usagef("policy notice: --lang must be en or zh")
		}
		return p.Notice(stdout, *lang)
	case "check":
		if len(pos) != 1 {
			return usagef("policy check: give one policy file")
		}
		p, err := loadPolicy(pos[0], "")
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: policy %q is valid (%d roles, sha256 %s)\n", pos[0], p.Name, len(p.Roles), p.SHA256())
		return nil
	}
	fmt.Fprint(stderr, policyUsage)
	return usagef("policy: unknown subcommand %q", args[0])
}
