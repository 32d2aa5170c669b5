module github.com/prescreen/prescreen

go 1.26.0

require (
	github.com/coregx/ahocorasick v0.3.1
	github.com/fsnotify/fsnotify v1.10.1
	github.com/gabriel-vasile/mimetype v1.4.16
	github.com/sourcegraph/conc v0.3.0
	golang.org/x/text v0.44.0
)

require (
	github.com/goccy/go-yaml v1.19.2 // indirect
	go.uber.org/atomic v1.7.0 // indirect
	go.uber.org/multierr v1.9.0 // indirect
	golang.org/x/sys v0.13.0 // indirect
)
