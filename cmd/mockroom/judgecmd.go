package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mockroom/mockroom/judge"
	"github.com/mockroom/mockroom/judge/admission"
	"github.com/mockroom/mockroom/problems"
	"github.com/mockroom/mockroom/sandbox/local"
)

// sandboxCacheDir is where the local sandbox keeps what it builds once per
// toolchain (the Go standard library, the C++ header): SANDBOX_CACHE_DIR,
// or DATA_DIR/sandbox. Instances on one host may share it.
func sandboxCacheDir(cacheDir, dataDir string) string {
	if c := strings.TrimSpace(cacheDir); c != "" {
		return c
	}
	return filepath.Join(dataDir, "sandbox")
}

// newJudge starts the local sandbox and a judge over the embedded library.
// Its runs wait for the server-wide limits (SANDBOX_MAX_CONCURRENT,
// SANDBOX_MEMORY_BUDGET) as long as they must: an author's tool has no
// per-user cap, no queue length and no wait limit.
// With dir set, the library is read from that folder instead (an author's
// working copy, no rebuild needed).
func newJudge(dataDir, dir string, getenv func(string) string, stderr io.Writer) (*judge.Service, *problems.Library, func(), error) {
	lim, err := loadAdmission(getenv)
	if err != nil {
		return nil, nil, nil, err
	}
	lim.MaxQueue, lim.MaxWait = math.MaxInt, 24*time.Hour
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	r, err := local.New(local.Config{DataDir: sandboxCacheDir(getenv("SANDBOX_CACHE_DIR"), dataDir), Logger: log})
	if err != nil {
		return nil, nil, nil, err
	}
	langs := make([]string, 0, len(r.Languages()))
	for _, l := range r.Languages() {
		langs = append(langs, string(l))
	}
	var lib *problems.Library
	if dir != "" {
		lib, err = problems.Load(os.DirFS(dir), langs)
	} else {
		lib, err = problems.LoadEmbedded(langs)
	}
	if err != nil {
		r.Close()
		return nil, nil, nil, err
	}
	svc := judge.NewService(r, lib, log)
	svc.SetAdmission(admission.NewMemory(lim))
	return svc, lib, func() { r.Close() }, nil
}

// runJudge: mockroom judge --problem SLUG --language LANG [--mode submit|run]
// [--input JSON] FILE. It prints every test's verdict as JSON, hidden tests
// in full: it is the problem authors' tool. Non-zero exit unless accepted.
func runJudge(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("judge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	slug := fs.String("problem", "", "problem slug (a folder of problems/)")
	lang := fs.String("language", "", "one of "+strings.Join(judge.LanguageNames(), ", "))
	mode := fs.String("mode", "submit", "submit (every test) or run (the examples)")
	input := fs.String("input", "", "run mode: a custom input object, e.g. '{\"nums\":[1,2],\"target\":3}'")
	data := fs.String("data", "", "data directory (env DATA_DIR, default ./data)")
	dir := fs.String("dir", "", "read the problems from this folder (e.g. problems) instead of the embedded library")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: mockroom judge --problem SLUG --language LANG [--mode submit|run] [--input JSON] [--dir problems] FILE")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *slug == "" || *lang == "" || fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	code, err := readSource(fs.Arg(0))
	if err != nil {
		return err
	}
	svc, lib, closeFn, err := newJudge(firstNonEmpty(*data, getenv("DATA_DIR"), "./data"), *dir, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeFn()
	e, ok := lib.Get(*slug)
	if !ok {
		return fmt.Errorf("no problem %q", *slug)
	}
	rep, err := svc.ExecuteAll(ctx, judge.Request{Problem: &e.Problem, Language: *lang, Code: code, Mode: judge.Mode(*mode), CustomInput: json.RawMessage(*input)})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return err
	}
	if rep.Status != judge.Accepted {
		return fmt.Errorf("verdict: %s (%d/%d passed)", rep.Status, rep.Passed, rep.Total)
	}
	return nil
}

func readSource(name string) (string, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = io.ReadAll(io.LimitReader(os.Stdin, judge.MaxCodeBytes+1))
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// runProblems: mockroom problems verify|generate ...
func runProblems(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	usage := func() error {
		fmt.Fprintln(stderr, "usage: mockroom problems verify [--workers N] [--quick] [--lang L,...] [--dir problems] [--changed] [SLUG...]")
		fmt.Fprintln(stderr, "       mockroom problems generate [--dir problems] [--lang go,python] SLUG...")
		return errUsage
	}
	if len(args) == 0 {
		return usage()
	}
	switch args[0] {
	case "verify":
		return runVerify(ctx, args[1:], getenv, stdout, stderr)
	case "generate":
		return runGenerate(ctx, args[1:], getenv, stdout, stderr)
	}
	return usage()
}

func runVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("problems verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	workers := fs.Int("workers", 2, "checks run at once")
	quick := fs.Bool("quick", false, "skip the starter-code check of compiled languages")
	langs := fs.String("lang", "", "comma-separated languages to check (default: every one the sandbox offers)")
	data := fs.String("data", "", "data directory (env DATA_DIR, default ./data)")
	dir := fs.String("dir", "", "read the problems from this folder (e.g. problems) instead of the embedded library")
	changed := fs.Bool("changed", false, "only the problems that changed since they last passed here (DATA_DIR/verified.json)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	dataDir := firstNonEmpty(*data, getenv("DATA_DIR"), "./data")
	svc, lib, closeFn, err := newJudge(dataDir, *dir, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeFn()
	o := problems.VerifyOptions{Workers: *workers, Quick: *quick}
	if *langs != "" {
		o.Languages = strings.Split(*langs, ",")
		for _, l := range o.Languages {
			if !slices.Contains(svc.Languages(), l) {
				fmt.Fprintf(stderr, "mockroom problems verify: language %q is not available (have %s)\n", l, strings.Join(svc.Languages(), ", "))
				return errUsage
			}
		}
	}
	slugs := fs.Args()
	var cache *verifiedCache
	if *changed {
		var fsys iofs.FS = problems.FS
		if *dir != "" {
			fsys = os.DirFS(*dir)
		}
		salt, err := verifySalt(svc.Languages(), o)
		if err != nil {
			return err
		}
		cache = loadVerified(filepath.Join(dataDir, "verified.json"), fsys, salt)
		if len(slugs) == 0 {
			for _, e := range lib.Entries {
				slugs = append(slugs, e.Problem.Slug)
			}
		}
		var todo []string
		for _, s := range slugs {
			if !cache.passed(s) {
				todo = append(todo, s)
			}
		}
		fmt.Fprintf(stdout, "%d of %d problems changed since they last passed here\n", len(todo), len(slugs))
		if len(todo) == 0 {
			return nil
		}
		slugs = todo
	}
	checks, err := problems.Verify(ctx, svc, lib, slugs, o)
	if err != nil {
		return err
	}
	ok := problems.PrintTable(stdout, checks)
	if cache != nil {
		cache.record(checks)
	}
	if !ok {
		return fmt.Errorf("verification failed")
	}
	fmt.Fprintf(stdout, "\n%d checks passed\n", len(checks))
	return nil
}

// verifiedCache remembers the fingerprints of problems that passed verify on
// this machine, for --changed.
type verifiedCache struct {
	file  string
	fsys  iofs.FS
	salt  string
	seen  map[string]string // slug → fingerprint that passed
	print map[string]string // slug → fingerprint now
}

func loadVerified(file string, fsys iofs.FS, salt string) *verifiedCache {
	c := &verifiedCache{file: file, fsys: fsys, salt: salt, seen: map[string]string{}, print: map[string]string{}}
	if b, err := os.ReadFile(file); err == nil {
		json.Unmarshal(b, &c.seen)
	}
	return c
}

func (c *verifiedCache) fingerprint(slug string) string {
	if fp, ok := c.print[slug]; ok {
		return fp
	}
	fp, err := problems.Fingerprint(c.fsys, slug, c.salt)
	if err != nil {
		fp = ""
	}
	c.print[slug] = fp
	return fp
}

func (c *verifiedCache) passed(slug string) bool {
	fp := c.fingerprint(slug)
	return fp != "" && c.seen[slug] == fp
}

// record stores the problems all of whose checks passed (and forgets the
// others).
func (c *verifiedCache) record(checks []problems.Check) {
	ok := map[string]bool{}
	for _, ch := range checks {
		if _, seen := ok[ch.Slug]; !seen {
			ok[ch.Slug] = true
		}
		ok[ch.Slug] = ok[ch.Slug] && ch.OK
	}
	for slug, good := range ok {
		if fp := c.fingerprint(slug); good && fp != "" {
			c.seen[slug] = fp
		} else {
			delete(c.seen, slug)
		}
	}
	b, _ := json.MarshalIndent(c.seen, "", "  ")
	os.MkdirAll(filepath.Dir(c.file), 0o755)
	os.WriteFile(c.file, b, 0o644)
}

// verifySalt ties a pass to this build of mockroom (its harnesses, judge and
// generators), the languages checked and the options.
func verifySalt(langs []string, o problems.VerifyOptions) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x %v %v %v", h.Sum(nil), langs, o.Languages, o.Quick), nil
}

// runGenerate: mockroom problems generate [--dir problems] SLUG... rewrites
// each problem's generated tests in DIR/SLUG/tests.json.
func runGenerate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("problems generate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "problems", "the problems folder to rewrite")
	langs := fs.String("lang", "go,python", "the reference computes outputs in the first language; the others cross-check them")
	data := fs.String("data", "", "data directory (env DATA_DIR, default ./data)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: mockroom problems generate [--dir problems] [--lang go,python] SLUG...")
		return errUsage
	}
	svc, lib, closeFn, err := newJudge(firstNonEmpty(*data, getenv("DATA_DIR"), "./data"), *dir, getenv, stderr)
	if err != nil {
		return err
	}
	defer closeFn()
	var use []string
	for _, l := range strings.Split(*langs, ",") {
		if slices.Contains(svc.Languages(), l) {
			use = append(use, l)
		}
	}
	if len(use) == 0 {
		return fmt.Errorf("none of the languages %q is available (have %s)", *langs, strings.Join(svc.Languages(), ", "))
	}
	for _, slug := range fs.Args() {
		e, ok := lib.Get(slug)
		if !ok {
			return fmt.Errorf("no problem %q in %s", slug, *dir)
		}
		name := filepath.Join(*dir, slug, "tests.json")
		old, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		out, err := problems.Generate(ctx, svc, e, old, use)
		if err != nil {
			return err
		}
		if len(out) > problems.MaxTestsBytes {
			return fmt.Errorf("%s: %d bytes with the generated tests, over the %d limit: make them smaller", name, len(out), problems.MaxTestsBytes)
		}
		if err := os.WriteFile(name, out, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: generated tests written (outputs by the %s reference, cross-checked in %s)\n", name, use[0], strings.Join(use[1:], ", "))
	}
	return nil
}
