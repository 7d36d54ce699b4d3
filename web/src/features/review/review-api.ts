import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, client, ifMatch } from '../../api/client';
import { refreshAfterDealChange } from '../../api/deals';
import type { components, paths } from '../../api/schema';

export type ReviewWorklist = components['schemas']['ReviewWorklist'];
export type ReviewDeal = ReviewWorklist['sections']['stale']['deals'][number];
export type Review = components['schemas']['Review'];
export type ReviewDetail = components['schemas']['ReviewDetail'];
export type ReviewActionResult = components['schemas']['ReviewActionResult'];
export type ReviewActionBody =
  paths['/api/v1/review/sessions/{id}/actions']['post']['requestBody']['content']['application/json'];

export const REVIEW_SECTIONS = [
  'stale',
  'overdue',
  'noNextStep',
  'valueUnverified',
  'slipping',
] as const;
export type ReviewSection = (typeof REVIEW_SECTIONS)[number];

export interface ReviewScope {
  pipelineId?: string;
  ownerId?: string;
  teamId?: string;
}

const reviewKey = ['review'] as const;

export function useReviewWorklist(scope: ReviewScope) {
  return useQuery({
    queryKey: [...reviewKey, 'worklist', scope],
    queryFn: () => answer(client.GET('/api/v1/review', { params: { query: scope } })),
    placeholderData: (previous) => previous,
  });
}

export function useReviews() {
  return useQuery({
    queryKey: [...reviewKey, 'sessions'],
    queryFn: async () => (await answer(client.GET('/api/v1/review/sessions'))).items,
  });
}

export function useReview(id: string) {
  return useQuery({
    queryKey: [...reviewKey, 'session', id],
    queryFn: () => answer(client.GET('/api/v1/review/sessions/{id}', { params: { path: { id } } })),
    enabled: id !== '',
  });
}

function postAction(id: string, body: ReviewActionBody) {
  return answer(
    client.POST('/api/v1/review/sessions/{id}/actions', { params: { path: { id } }, body }),
  );
}

/** Everything a review changes: its own lists, and everything made from deals. */
function useRefreshAfterReview() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: reviewKey }),
      queryClient.invalidateQueries({ queryKey: ['my-day'] }),
      refreshAfterDealChange(queryClient),
    ]);
}

export function useStartReview() {
  const refresh = useRefreshAfterReview();
  return useMutation({
    mutationFn: (scope: ReviewScope) =>
      answer(client.POST('/api/v1/review/sessions', { body: scope })),
    onSuccess: () => void refresh(),
  });
}

/** Applies one action to the selected deals of a review (starting one first when none is open). */
export function useReviewAction() {
  const refresh = useRefreshAfterReview();
  return useMutation({
    mutationFn: ({ reviewId, body }: { reviewId: string; body: ReviewActionBody }) =>
      postAction(reviewId, body),
    onSettled: () => void refresh(),
  });
}

export function useCloseReview() {
  const refresh = useRefreshAfterReview();
  return useMutation({
    mutationFn: ({
      review,
      isClosed,
      summary,
    }: {
      review: Review;
      isClosed: boolean;
      summary?: string;
    }) =>
      answer(
        client.POST('/api/v1/review/sessions/{id}/close', {
          params: { path: { id: review.id } },
          headers: ifMatch(review.version),
          body: { isClosed, ...(summary === undefined ? {} : { summary }) },
        }),
      ),
    onSuccess: () => void refresh(),
  });
}
