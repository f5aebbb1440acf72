// Package deploy holds no code of the server: its tests check the files an
// operator deploys with, each by a validator made for it, since no
// container runtime or cluster runs where `make test` does:
//
//   - ../Dockerfile: BuildKit's own parser and linter (what `docker build
//     --check` runs), with base images answered offline;
//   - ../docker-compose.yml: the Compose specification's loader
//     (compose-go, schema validation and interpolation on);
//   - k8s/: every manifest decoded strictly (unknown fields fail) into the
//     Kubernetes API types, then cross-checked (probes, selectors, the
//     autoscaler's target, the disruption budget's pods);
//   - fly/: fly.toml decoded strictly against fly's documented fields;
//   - haproxy/haproxy.cfg: `haproxy -c` when haproxy is installed;
//   - grafana/mockroom.json: every metric its queries use is one the
//     server registers;
//
// and that every variable these files set is in README.md's configuration
// table. The validators' modules are test-only: they never reach the binary.
package deploy
