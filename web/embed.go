// Package web serves the single-page app built from this folder into dist/.
// dist/ is never committed (only dist/.gitkeep, so the embed pattern always
// matches); without a build, placeholder.html answers instead, so the binary
// builds and runs without Node.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// Dist holds the built SPA (web/dist), embedded at compile time.
//
//go:embed all:dist
var Dist embed.FS

// placeholder is served as index.html when the app was not built.
//
//go:embed placeholder.html
var placeholder []byte

// Cache policies. Files under /assets/ carry a content hash in their names, so
// they never change; everything else (index.html above all) must revalidate so
// a deploy reaches the browser at once.
const (
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheNoCache   = "no-cache"
)

// csp keeps the app on its own origin: nothing is loaded from another host.
// 'unsafe-inline' for styles only, because React's style attributes need it.
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; " +
	"media-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// Handler serves the embedded SPA: built files with cache headers, and
// index.html for any other path so client-side routes survive a reload.
// Paths under /api/ never fall back to the app; they get a JSON 404.
func Handler() http.Handler {
	sub, err := fs.Sub(Dist, "dist")
	if err != nil {
		// Unreachable: "dist" is a valid path and the embed guarantees it exists.
		panic(err)
	}
	h := NewHandler(sub).(*handler)
	if _, ok := h.files["index.html"]; !ok {
		sum := sha256.Sum256(placeholder)
		h.files["index.html"] = file{body: placeholder, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	return h
}

// file is one file read into memory at start; the SPA is small.
type file struct {
	body []byte
	etag string
}

type handler struct {
	files map[string]file // by clean path without the leading slash
}

// NewHandler serves the SPA found in fsys (its root holds index.html). It
// reads every file once, so later requests never touch fsys.
func NewHandler(fsys fs.FS) http.Handler {
	h := &handler{files: map[string]file{}}
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		sum := sha256.Sum256(b)
		h.files[p] = file{body: b, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
		return nil
	})
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := path.Clean("/" + r.URL.Path)
	if p == "/api" || strings.HasPrefix(p, "/api/") {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":{"code":"not_found","message":"no such API endpoint"}}` + "\n"))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}

	name := strings.TrimPrefix(p, "/")
	f, ok := h.files[name]
	switch {
	case ok && name != "index.html":
		if strings.HasPrefix(name, "assets/") {
			w.Header().Set("Cache-Control", cacheImmutable)
		} else {
			w.Header().Set("Cache-Control", cacheNoCache)
		}
	case strings.HasPrefix(name, "assets/"):
		// A missing hashed asset is a stale chunk from an older deploy: answering
		// with HTML would fail as a script with a confusing MIME error.
		http.NotFound(w, r)
		return
	default:
		// The SPA fallback: client-side routes, "/" and index.html itself.
		f, ok = h.files["index.html"]
		if !ok {
			http.NotFound(w, r)
			return
		}
		name = "index.html"
		w.Header().Set("Cache-Control", cacheNoCache)
		w.Header().Set("Content-Security-Policy", csp)
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("ETag", f.etag)
	// ServeContent sets Content-Type from the name and answers If-None-Match.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.body))
}
