package problems

import (
	"strings"
	"testing"

	"github.com/mockroom/mockroom/judge"
)

// Every folder of the library survives files → Source → files with the
// same content hash, so the console's export of an unchanged problem is
// the repo's folder; and the rebuilt folder still loads.
func TestSourceRoundTrip(t *testing.T) {
	dirs, err := FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		slug := d.Name()
		files, err := ReadFolder(FS, slug)
		if err != nil {
			t.Fatal(err)
		}
		src, err := ParseFiles(slug, files)
		if err != nil {
			t.Fatalf("%s: %v", slug, err)
		}
		out, err := src.Files()
		if err != nil {
			t.Fatalf("%s: %v", slug, err)
		}
		if ContentHash(out) != ContentHash(files) {
			for p := range files {
				if ContentHash(map[string]string{p: files[p]}) != ContentHash(map[string]string{p: out[p]}) {
					t.Errorf("%s/%s differs after the round trip:\n%.300s\n---\n%.300s", slug, p, files[p], out[p])
				}
			}
			t.Fatalf("%s: the content hash changed", slug)
		}
		n++
	}
	if n < 50 {
		t.Fatalf("only %d problems", n)
	}
	for _, slug := range []string{"two-sum", "lru-cache"} {
		files, _ := ReadFolder(FS, slug)
		lib, err := LoadFiles(slug, files, judge.LanguageNames())
		if err != nil || len(lib.Entries) != 1 || lib.Entries[0].Problem.Slug != slug {
			t.Fatalf("%s: LoadFiles: %v", slug, err)
		}
	}
}

func TestParseFilesRefusesStrayFiles(t *testing.T) {
	files, _ := ReadFolder(FS, "two-sum")
	files["notes.txt"] = "x"
	if _, err := ParseFiles("two-sum", files); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Fatalf("err = %v", err)
	}
	files, _ = ReadFolder(FS, "two-sum")
	files["tests.json"] = strings.Replace(files["tests.json"], "[", "[{\"nme\": 1},", 1)
	if _, err := ParseFiles("two-sum", files); err == nil || !strings.Contains(err.Error(), "tests.json") {
		t.Fatalf("err = %v", err)
	}
	if _, err := ParseFiles("Two Sum", files); err == nil {
		t.Fatal("a bad slug was accepted")
	}
}
