package problems

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/mockroom/mockroom/problems/gen"
)

// Fingerprint is a digest of everything verify proves about slug: every
// file of its folder, what its generator draws (tests, probe inputs,
// sizes, class), and salt (the caller's build and languages). Two equal
// fingerprints verify the same way, so `problems verify --changed` skips a
// problem whose fingerprint already passed.
func Fingerprint(fsys fs.FS, slug, salt string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "salt %q\n", salt)
	var files []string
	err := fs.WalkDir(fsys, slug, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "file %q %d\n", path.Clean(f), len(b))
		h.Write(b)
	}
	if g, ok := gen.Lookup(slug); ok {
		tests, err := gen.Run(slug)
		if err != nil {
			return "", err
		}
		for _, t := range tests {
			fmt.Fprintf(h, "gen %q %v %s\n", t.Name, t.Large, t.Input)
		}
		fmt.Fprintf(h, "probe %q %v\n", g.Class, g.Sizes)
		if g.Scale != nil {
			for _, n := range g.Sizes {
				in, err := gen.ProbeInput(slug, n)
				if err != nil {
					return "", err
				}
				fmt.Fprintf(h, "scale %d %s\n", n, in)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
