package server

import "fmt"

type Event struct{ Name string }

func Upgrade(client *Client, seats int) error {
	label := "pro"
	body := map[string]interface{}{
		"action_name": "Upgraded Plan",
		"metadata": map[string]any{
			"plan.name": label,
			"seats":     seats,
			"annual":    "yes",
			"tags":      []interface{}{"a", 1},
			"a_b":       1, "a.b": 2,
			"event":     Event{Name: "x"},
		},
	}
	client.Track("Renewed", map[string]any{"annual": true, "plan_name": 2, "note": fmt.Sprintf("%d", seats)})
	return post(body)
}
