module github.com/prescreen/prescreen

go 1.26

require github.com/coregx/ahocorasick v0.3.1
