module github.com/prescreen/prescreen

go 1.26.0

require github.com/coregx/ahocorasick v0.3.1

require (
	github.com/gabriel-vasile/mimetype v1.4.16 // indirect
	github.com/sourcegraph/conc v0.3.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
