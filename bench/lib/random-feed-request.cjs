/**
 * autocannon `setupRequest` (loaded by path in its worker): every request asks for one of the
 * feeds listed in BENCH_HTTP_FEEDS (JSON: [{ path, headers }]), picked at random with a fixed
 * seed, so that connections ask for feeds independently of each other, as readers do.
 */
const feeds = JSON.parse(process.env.BENCH_HTTP_FEEDS || '[]');
let state = 0x2545f491;

/** xorshift32: cheap, seeded, good enough to spread requests. */
function nextRandom() {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 0x100000000;
}

module.exports = function randomFeedRequest(req) {
  if (!feeds.length) return req;
  const feed = feeds[Math.floor(nextRandom() * feeds.length)];
  return { ...req, path: feed.path, headers: { ...req.headers, ...feed.headers } };
};
