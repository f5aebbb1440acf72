package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/mockroom/mockroom"
)

// statusOf is the one table from error kinds to HTTP statuses.
var statusOf = map[mockroom.Kind]int{
	mockroom.KindInternal:        http.StatusInternalServerError,
	mockroom.KindInvalid:         http.StatusBadRequest,
	mockroom.KindNotFound:        http.StatusNotFound,
	mockroom.KindConflict:        http.StatusConflict,
	mockroom.KindUnauthenticated: http.StatusUnauthorized,
	mockroom.KindForbidden:       http.StatusForbidden,
	mockroom.KindRateLimited:     http.StatusTooManyRequests,
	mockroom.KindPaymentRequired: http.StatusPaymentRequired,
	mockroom.KindTooLarge:        http.StatusRequestEntityTooLarge,
	mockroom.KindUnavailable:     http.StatusServiceUnavailable,
}

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError answers with {"error":{"code","message"}}. Internal errors are
// logged with their cause and shown only as a generic sentence.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := mockroom.AsError(err)
	if e == nil {
		e = &mockroom.Error{Kind: mockroom.KindInternal, Err: err}
	}
	status := statusOf[e.Kind]
	var body errorBody
	body.Error.Code, body.Error.Message = e.Code, e.Message
	if body.Error.Code == "" {
		body.Error.Code = e.Kind.String()
	}
	if e.Kind == mockroom.KindInternal {
		s.log.ErrorContext(r.Context(), "request failed", "err", err, "method", r.Method, "path", r.URL.Path, "request_id", requestID(r.Context()))
		body.Error.Code = "internal"
		body.Error.Message = "something went wrong on our side; please try again (request " + requestID(r.Context()) + ")"
	} else if body.Error.Message == "" {
		body.Error.Message = http.StatusText(status)
	}
	if e.Kind == mockroom.KindRateLimited && e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(e.RetryAfter.Seconds()))))
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		slog.Debug("writing response", "err", err)
	}
}

// Default and per-route body limits.
const (
	defaultBodyLimit = 64 << 10
)

// decode reads a JSON object body into v, rejecting unknown fields, trailing
// data, wrong types and oversized bodies with errors that name the problem.
func decode(w http.ResponseWriter, r *http.Request, v any, limit int64) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		return mockroom.Errorf(mockroom.KindInvalid, "unsupported_media_type", "send the body as application/json")
	}
	if limit <= 0 {
		limit = defaultBodyLimit
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		return decodeError(err, limit)
	}
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] != '{' {
		return mockroom.Errorf(mockroom.KindInvalid, "invalid_json", "the body must be a JSON object")
	}
	if field, ok := mockroom.NULInJSON(body); ok {
		return nulError(field)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err, limit)
	}
	if _, err := dec.Token(); err != io.EOF {
		return mockroom.Errorf(mockroom.KindInvalid, "invalid_json", "the body must hold a single JSON object")
	}
	return nil
}

// nulError refuses text holding a NUL character (PostgreSQL cannot store one).
func nulError(field string) error {
	if field == "" {
		return mockroom.Errorf(mockroom.KindInvalid, "invalid_text", "text must not contain NUL (\\u0000) characters")
	}
	return mockroom.Errorf(mockroom.KindInvalid, "invalid_text", "field %q must not contain NUL (\\u0000) characters", field)
}

func decodeError(err error, limit int64) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	var netErr net.Error
	switch {
	case errors.As(err, &tooBig):
		return mockroom.Errorf(mockroom.KindTooLarge, "too_large", "the body is larger than %d bytes", limit)
	case errors.As(err, &netErr) && netErr.Timeout():
		// The server's read timeout cut a body that arrived too slowly.
		return mockroom.Errorf(mockroom.KindInvalid, "slow_body", "the body arrived too slowly; send it in one go")
	case errors.Is(err, io.EOF):
		return mockroom.Errorf(mockroom.KindInvalid, "invalid_json", "the body is empty; send a JSON object")
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return mockroom.Errorf(mockroom.KindInvalid, "invalid_json", "the body is not valid JSON")
	case errors.As(err, &typ):
		if typ.Field == "" {
			return mockroom.Errorf(mockroom.KindInvalid, "invalid_json", "the body must be a JSON object")
		}
		return mockroom.Errorf(mockroom.KindInvalid, "invalid_field", "field %q must be of type %s", typ.Field, jsonType(typ.Type.Kind().String()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return mockroom.Errorf(mockroom.KindInvalid, "unknown_field", "unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return mockroom.Errorf(mockroom.KindInvalid, "invalid_json", "the body could not be read: %s", fmt.Sprint(err))
}

func jsonType(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "int", "int64", "int32", "float64", "uint", "uint64":
		return "number"
	case "bool":
		return "boolean"
	case "slice", "array":
		return "array"
	default:
		return "object"
	}
}
