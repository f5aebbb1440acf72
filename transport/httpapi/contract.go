package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strings"

	"github.com/swaggest/jsonschema-go"
	"github.com/swaggest/openapi-go"
	"github.com/swaggest/openapi-go/openapi31"
)

// doc is what the generated OpenAPI document says about a route. The types
// named here are the ones the handler decodes and encodes, so the document
// is reflected from the code and cannot describe something else.
type doc struct {
	Summary     string
	Description string
	Tag         string
	Params      any        // a struct whose fields carry path:"name" or query:"name" tags
	Body        any        // the JSON request body
	Out         any        // the JSON response body; nil with Status 204, 302 or 101
	Status      int        // the success status; default 200
	More        []response // other success answers
	ContentType string
}

// response is one more success answer of a route.
type response struct {
	Status int
	Out    any
}

// Contract is the OpenAPI 3.1 document of the routes table, generated.
// `go generate ./transport/httpapi` writes it to openapi.json, which the
// server embeds and serves, and from which the web app's types are
// generated (web/src/lib/api.gen.ts); a test holds the file to this.
func Contract() ([]byte, error) {
	r := openapi31.NewReflector()
	r.Spec.Info.WithTitle("mockroom API").WithVersion("1").WithDescription(
		"JSON API of mockroom. Every field is snake_case. Errors are {\"error\":{\"code\",\"message\"}}. " +
			"Mutating requests from browsers must be same-origin; the session is an HttpOnly cookie.")
	r.Spec.SetAPIKeySecurity("cookie", sessionCookie, openapi.InCookie, "the session cookie set by sign-in")
	js := r.JSONSchemaReflector()
	js.DefaultOptions = append(js.DefaultOptions, strictObjects, requiredUnlessOmitEmpty, arraysNotNull,
		jsonschema.InterceptDefName(func(t reflect.Type, _ string) string { return schemaName(t) }))

	for _, rt := range (&server{}).routes() {
		d := rt.Doc
		oc, err := r.NewOperationContext(rt.Method, rt.Pattern)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", rt.Method, rt.Pattern, err)
		}
		oc.SetSummary(d.Summary)
		if d.Description != "" {
			oc.SetDescription(d.Description)
		}
		if d.Tag != "" {
			oc.SetTags(d.Tag)
		}
		if rt.Auth {
			oc.AddSecurity("cookie")
		}
		if d.Params != nil {
			oc.AddReqStructure(d.Params)
		}
		if d.Body != nil {
			oc.AddReqStructure(d.Body, openapi.WithContentType("application/json"))
		}
		status := d.Status
		if status == 0 {
			status = http.StatusOK
		}
		opts := []openapi.ContentOption{openapi.WithHTTPStatus(status)}
		if d.ContentType != "" {
			opts = append(opts, openapi.WithContentType(d.ContentType))
		}
		oc.AddRespStructure(d.Out, opts...)
		for _, m := range d.More {
			oc.AddRespStructure(m.Out, openapi.WithHTTPStatus(m.Status))
		}
		oc.AddRespStructure(new(errorBody), func(cu *openapi.ContentUnit) {
			cu.IsDefault = true
			cu.Description = "An error: the code is stable, the message is for people."
		})
		if err := r.AddOperation(oc); err != nil {
			return nil, fmt.Errorf("%s %s: %w", rt.Method, rt.Pattern, err)
		}
	}
	raw, err := json.Marshal(r.Spec)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// strictObjects closes every object reflected from a struct: a field the
// handler sends that the type does not declare fails the contract test.
func strictObjects(rc *jsonschema.ReflectContext) {
	jsonschema.InterceptSchema(func(p jsonschema.InterceptSchemaParams) (bool, error) {
		if !p.Processed || p.Schema == nil || !p.Schema.HasType(jsonschema.Object) {
			return false, nil
		}
		t := p.Value.Type()
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() == reflect.Struct && len(p.Schema.Properties) > 0 {
			p.Schema.WithAdditionalProperties(jsonschema.SchemaOrBool{TypeBoolean: new(bool)})
		}
		return false, nil
	})(rc)
}

// requiredUnlessOmitEmpty marks every field the encoder always writes as
// required, so the generated TypeScript types do not make them optional.
func requiredUnlessOmitEmpty(rc *jsonschema.ReflectContext) {
	jsonschema.InterceptProp(func(p jsonschema.InterceptPropParams) error {
		if !p.Processed || p.ParentSchema == nil {
			return nil
		}
		tag := p.Field.Tag.Get("json")
		if tag == "" || tag == "-" || strings.Contains(tag, ",omitempty") || p.Field.Tag.Get("path") != "" || p.Field.Tag.Get("query") != "" {
			return nil
		}
		for _, r := range p.ParentSchema.Required {
			if r == p.Name {
				return nil
			}
		}
		p.ParentSchema.Required = append(p.ParentSchema.Required, p.Name)
		sort.Strings(p.ParentSchema.Required)
		return nil
	})(rc)
}

// arraysNotNull: handlers send [] for an empty list, never null (the
// contract test checks every real response against this).
func arraysNotNull(rc *jsonschema.ReflectContext) {
	jsonschema.InterceptNullability(func(p jsonschema.InterceptNullabilityParams) {
		if p.NullAdded && (p.Type.Kind() == reflect.Slice || p.Type.Kind() == reflect.Map) {
			p.Schema.RemoveType(jsonschema.Null)
		}
	})(rc)
}

// schemaName names a component after its Go type without the package
// ("Session", not "InterviewSession"): the web app's types read naturally.
func schemaName(t reflect.Type) string {
	n := t.Name()
	if n == "" {
		return ""
	}
	n = strings.TrimSuffix(n, "JSON")
	return strings.ToUpper(n[:1]) + n[1:]
}
