func numIslands(grid [][]string) int {
	rows, cols := len(grid), len(grid[0])
	dirs := [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}
	islands := 0
	var stack [][2]int
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			if grid[r][c] != "1" {
				continue
			}
			islands++
			// Sink the whole island so none of its cells is counted again.
			grid[r][c] = "0"
			stack = append(stack[:0], [2]int{r, c})
			for len(stack) > 0 {
				cell := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, d := range dirs {
					x, y := cell[0]+d[0], cell[1]+d[1]
					if x >= 0 && x < rows && y >= 0 && y < cols && grid[x][y] == "1" {
						grid[x][y] = "0"
						stack = append(stack, [2]int{x, y})
					}
				}
			}
		}
	}
	return islands
}
