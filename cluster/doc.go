// Package cluster is what makes several `mockroom serve` instances one
// service: leader election for the singleton work (cluster/leader), and the
// cluster and chaos tests that run three instances behind HAProxy on
// PostgreSQL and Redis (cluster_test.go).
package cluster
