// Package problems is the problem library as files (one folder per problem,
// format in README.md), embedded in the binary, with its loader, the sync
// into the store and the verification that proves each problem right.
package problems

import "embed"

// FS holds every problem folder.
//
//go:embed README.md */problem.json */statement.md */tests.json */editorial.md */solutions */brute */wrong
var FS embed.FS
