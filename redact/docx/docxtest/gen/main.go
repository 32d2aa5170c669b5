// Command gen writes the sample Word resume used by the golden test:
//
//	go run ./redact/docx/docxtest/gen fixtures/resumes/en/jane-doe.docx
package main

import (
	"fmt"
	"os"

	"github.com/prescreen/prescreen/redact/docx/docxtest"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen OUT.docx")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], docxtest.Resume().Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
