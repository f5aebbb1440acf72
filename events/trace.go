package events

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// An event carries the trace of the change that wrote it: the store puts
// the writer's span context into Event.Trace (WithTrace) and every bus
// runs its handlers through Handle, whose consumer span continues that
// trace. The W3C format is set here, not taken from the process's global
// propagator, so the stored value never depends on configuration; with
// tracing off there is no span to record and Trace stays empty.
var traceFormat = propagation.TraceContext{}

const tracerName = "github.com/mockroom/mockroom/events"

// WithTrace returns e carrying ctx's trace, through a producer span for
// the write, when ctx is traced and e carries none yet.
func WithTrace(ctx context.Context, e Event) Event {
	if len(e.Trace) > 0 || !trace.SpanContextFromContext(ctx).IsValid() {
		return e
	}
	ctx, span := otel.Tracer(tracerName).Start(ctx, e.Topic+" publish", trace.WithSpanKind(trace.SpanKindProducer),
		trace.WithAttributes(attribute.String("messaging.destination.name", e.Topic), attribute.String("messaging.message.conversation_id", e.Key)))
	defer span.End()
	carrier := propagation.MapCarrier{}
	traceFormat.Inject(ctx, carrier)
	if len(carrier) > 0 {
		e.Trace = carrier
	}
	return e
}

// Handle runs h for d inside a consumer span that continues the trace d
// was published in. A failure or a panic marks the span; the panic goes
// on to the bus, which counts it as a failed attempt.
func Handle(ctx context.Context, h Handler, d Delivery) (err error) {
	if len(d.Trace) > 0 {
		ctx = traceFormat.Extract(ctx, propagation.MapCarrier(d.Trace))
	}
	ctx, span := otel.Tracer(tracerName).Start(ctx, d.Topic+" process", trace.WithSpanKind(trace.SpanKindConsumer),
		trace.WithAttributes(
			attribute.String("messaging.destination.name", d.Topic),
			attribute.String("messaging.consumer.group.name", d.Group),
			attribute.String("messaging.message.id", d.ID),
			attribute.Int("messaging.delivery.attempt", d.Attempt),
		))
	defer func() {
		if p := recover(); p != nil {
			span.SetStatus(codes.Error, fmt.Sprint("panic: ", p))
			span.End()
			panic(p)
		}
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
		}
		span.End()
	}()
	return h(ctx, d)
}
