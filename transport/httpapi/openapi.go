package httpapi

import (
	_ "embed"
	"net/http"
)

//go:generate go run ./gen -out openapi.json

//go:embed openapi.json
var openapiDoc []byte

func (s *server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(openapiDoc)
}

// OpenAPIDocument is the published contract (tests validate real answers
// against it).
func OpenAPIDocument() []byte { return openapiDoc }
