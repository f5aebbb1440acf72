package gen

import (
	"encoding/json"
	"math/rand"
	"testing"
)

// TestGasStationValid holds gas-station's O(n) count of valid starts to a
// simulation from every start: Valid must refuse exactly the circuits with
// more than one.
func TestGasStationValid(t *testing.T) {
	g, ok := Lookup("gas-station")
	if !ok {
		t.Fatal("gas-station is not registered")
	}
	r := rand.New(rand.NewSource(1))
	for range 3000 {
		n := 1 + r.Intn(6)
		gas, cost := Ints(r, n, 0, 3), Ints(r, n, 0, 3)
		count := 0
		for s := range n {
			tank, ok := 0, true
			for k := range n {
				j := (s + k) % n
				tank += gas[j] - cost[j]
				if tank < 0 {
					ok = false
					break
				}
			}
			if ok {
				count++
			}
		}
		raw, _ := json.Marshal(map[string][]int{"gas": gas, "cost": cost})
		if err := g.Valid(raw); (err != nil) != (count > 1) {
			t.Fatalf("gas %v cost %v: %d valid starts, Valid says %v", gas, cost, count, err)
		}
	}
}
