package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func testFS() fstest.MapFS {
	return fstest.MapFS{
		"index.html":              {Data: []byte("<!doctype html><title>app</title>")},
		"favicon.svg":             {Data: []byte("<svg></svg>")},
		"assets/index-abc123.js":  {Data: []byte("console.log(1)")},
		"assets/index-abc123.css": {Data: []byte("body{}")},
	}
}

func TestHandler(t *testing.T) {
	h := NewHandler(testFS())
	tests := []struct {
		name        string
		method      string
		path        string
		status      int
		cache       string
		bodyHas     string
		contentType string
	}{
		{"root serves index", "GET", "/", 200, cacheNoCache, "<title>app</title>", "text/html"},
		{"index.html itself", "GET", "/index.html", 200, cacheNoCache, "<title>app</title>", "text/html"},
		{"hashed js is immutable", "GET", "/assets/index-abc123.js", 200, cacheImmutable, "console.log", "text/javascript"},
		{"hashed css is immutable", "GET", "/assets/index-abc123.css", 200, cacheImmutable, "body{}", "text/css"},
		{"other static files revalidate", "GET", "/favicon.svg", 200, cacheNoCache, "<svg>", "image/svg+xml"},
		{"client route falls back", "GET", "/problems/two-sum", 200, cacheNoCache, "<title>app</title>", "text/html"},
		{"deep unknown path falls back", "GET", "/a/b/c?x=1", 200, cacheNoCache, "<title>app</title>", "text/html"},
		{"dot segments cannot escape", "GET", "/../../etc/passwd", 200, cacheNoCache, "<title>app</title>", "text/html"},
		{"HEAD works", "HEAD", "/dashboard", 200, cacheNoCache, "", "text/html"},
		{"missing asset is 404, not html", "GET", "/assets/gone-123.js", 404, "", "", ""},
		{"api never falls back", "GET", "/api/nope", 404, "", `"not_found"`, "application/json"},
		{"api root never falls back", "GET", "/api", 404, "", `"not_found"`, "application/json"},
		{"api post never falls back", "POST", "/api/auth/nope", 404, "", `"not_found"`, "application/json"},
		{"post to app is refused", "POST", "/dashboard", 405, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			res := rec.Result()
			if res.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if got := res.Header.Get("Cache-Control"); got != tt.cache {
				t.Errorf("Cache-Control = %q, want %q", got, tt.cache)
			}
			if tt.contentType != "" && !strings.HasPrefix(res.Header.Get("Content-Type"), tt.contentType) {
				t.Errorf("Content-Type = %q, want prefix %q", res.Header.Get("Content-Type"), tt.contentType)
			}
			if !strings.Contains(rec.Body.String(), tt.bodyHas) {
				t.Errorf("body = %q, want it to contain %q", rec.Body.String(), tt.bodyHas)
			}
			if tt.method == "HEAD" && rec.Body.Len() != 0 {
				t.Errorf("HEAD returned a body of %d bytes", rec.Body.Len())
			}
		})
	}
}

func TestHandlerHTMLHasCSPAndETag(t *testing.T) {
	h := NewHandler(testFS())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/signin", nil))
	if got := rec.Header().Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'self'") {
		t.Errorf("CSP = %q, want default-src 'self'", got)
	}
	etag := rec.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on index.html")
	}
	// A revalidation with the same ETag costs no body.
	req := httptest.NewRequest("GET", "/signin", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("revalidation status = %d, want 304", rec.Code)
	}
}

func TestHandlerEmbeddedPlaceholder(t *testing.T) {
	// The real embedded tree: the committed placeholder (or a built app) must
	// answer "/" and any client route with HTML.
	h := Handler()
	for _, p := range []string{"/", "/problems"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "<html") {
			t.Errorf("GET %s = %d %q, want 200 with HTML", p, rec.Code, rec.Body.String())
		}
	}
}

func TestHandlerWithoutIndex(t *testing.T) {
	h := NewHandler(fstest.MapFS{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("status = %d, want 404 when no index.html exists", rec.Code)
	}
}
