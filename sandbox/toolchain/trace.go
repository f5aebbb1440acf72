package toolchain

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/mockroom/mockroom/sandbox"
)

// Every compile and run is a span of the trace that asked for it (an API
// request, a worker's event), on the local and the remote runner alike.
// With tracing off the spans cost a no-op call.
const tracerName = "github.com/mockroom/mockroom/sandbox"

// Compile checks p and compiles it where the language needs it.
func (r *Runner) Compile(ctx context.Context, p sandbox.Program, lim sandbox.Limits) (*sandbox.Build, error) {
	ctx, span := otel.Tracer(tracerName).Start(ctx, "sandbox compile", trace.WithAttributes(attribute.String("sandbox.language", string(p.Language))))
	defer span.End()
	b, err := r.compile(ctx, p, lim)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
	} else {
		span.SetAttributes(attribute.Bool("sandbox.compiled", b.OK))
	}
	return b, err
}

// Run runs b once.
func (r *Runner) Run(ctx context.Context, b *sandbox.Build, stdin []byte, lim sandbox.Limits) (*sandbox.Result, error) {
	ctx, span := otel.Tracer(tracerName).Start(ctx, "sandbox run")
	defer span.End()
	if b != nil {
		span.SetAttributes(attribute.String("sandbox.language", string(b.Language)))
	}
	res, err := r.run(ctx, b, stdin, lim)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
	} else {
		span.SetAttributes(attribute.String("sandbox.status", string(res.Status)),
			attribute.Int64("sandbox.cpu_ms", res.CPUTime.Milliseconds()), attribute.Int64("sandbox.memory_bytes", res.Memory))
	}
	return res, err
}
