package answers

import "context"

func (s *Service) timeline(ctx context.Context, topic string) Reply {
	return Reply{Kind: KindTimeline, Blocks: []Block{{{Text: "В корпусе нет датированных событий."}}}}
}
