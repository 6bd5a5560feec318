module github.com/example/meshd

go 1.21
