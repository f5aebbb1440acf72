package main

import (
	"context"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/mockroom/mockroom"
)

// openRedis connects to REDIS_URL and checks that it answers. The URL is
// never echoed: it may hold a password.
func openRedis(ctx context.Context, redisURL string) (*redis.Client, error) {
	opt, err := redis.ParseURL(strings.TrimSpace(redisURL))
	if err != nil {
		return nil, &configError{"REDIS_URL", "is not a valid Redis URL; use redis://[:password@]host:6379/0 or rediss://..., or leave it empty for the embedded defaults"}
	}
	opt.ContextTimeoutEnabled = true
	rdb := redis.NewClient(opt)
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		e := mockroom.Errorf(mockroom.KindUnavailable, "redis_unavailable", "cannot reach Redis at REDIS_URL")
		e.Err = err
		return nil, e
	}
	return rdb, nil
}
