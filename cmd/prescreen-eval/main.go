// Command prescreen-eval scores the registered detectors against an
// annotated corpus (default fixtures/eval) and prints per-category
// precision and recall and the trap-survival rate. With -floors it exits
// non-zero when a floor of issue 3 is not met. Output names files,
// categories and byte offsets only, never annotated text.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/prescreen/prescreen/detectors"
	"github.com/prescreen/prescreen/eval"
)

// errFloors means the evaluation ran but a floor was not met.
var errFloors = errors.New("evaluation floors not met")

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "prescreen-eval:", err)
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("prescreen-eval", flag.ContinueOnError)
	dir := fs.String("dir", "fixtures/eval", "annotated corpus `directory`")
	threshold := fs.String("threshold", "medium", "lowest likelihood that counts as a finding: low, medium, high or certain")
	floors := fs.Bool("floors", false, "exit non-zero unless the floors hold (recall and precision >= 0.95, traps >= 0.95)")
	format := fs.String("format", "txt", "present each resume as this format first and evaluate what its extractor reads: txt or docx")
	problems := fs.Bool("problems", false, "list every miss, false positive and sprung trap (file, kind, category, byte offsets)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		*dir = fs.Arg(0)
	}
	th, err := detectors.ParseLikelihood(*threshold)
	if err != nil {
		return err
	}
	corpus, err := eval.Load(*dir)
	if err != nil {
		return err
	}
	switch *format {
	case "txt":
	case "docx":
		if corpus, err = eval.Reformat(corpus, eval.ToDOCX, eval.DOCX); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown -format %q (txt or docx)", *format)
	}
	r := eval.Run(corpus, detectors.Default().Scan, th)
	if err := r.Print(stdout); err != nil {
		return err
	}
	if *problems {
		fmt.Fprintln(stdout)
		if err := r.PrintProblems(stdout); err != nil {
			return err
		}
	}
	if !*floors {
		return nil
	}
	fails := r.Check(eval.DefaultFloors)
	for _, f := range fails {
		fmt.Fprintln(stdout, "FLOOR:", f)
	}
	if len(fails) > 0 {
		return errFloors
	}
	return nil
}
