module github.com/connspec/connspec/bench

go 1.26.0

require (
	github.com/connspec/connspec v0.0.0-00010101000000-000000000000
	github.com/mdlayher/socket v0.8.0
	golang.org/x/sys v0.49.0
)

require (
	go.yaml.in/yaml/v4 v4.0.0 // indirect
	golang.org/x/net v0.61.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
)

replace github.com/connspec/connspec => ../
