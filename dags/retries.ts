/**
 * Retries: a task that fails on its first two tries and succeeds on the third, with a short
 * retry delay, and one with exponential backoff. Watch the try number grow in the task's logs.
 */
import { chain, dag, task } from "updraft";

export default dag({
  id: "retries",
  description: "A flaky task that succeeds on its third try",
  schedule: "@daily",
  startDate: "2024-01-01",
  catchup: false,
  tags: ["example", "retries"],
}, () => {
  const flaky = task({ id: "flaky", retries: 3, retryDelay: "2s" }, (ctx) => {
    if (ctx.tryNumber < 3) {
      throw new Error(`try ${ctx.tryNumber} fails on purpose (succeeds on try 3)`);
    }
    ctx.log(`succeeded on try ${ctx.tryNumber}`);
    return ctx.tryNumber;
  });
  const backoff = task({
    id: "backoff",
    retries: 2,
    retryDelay: "1s",
    retryExponentialBackoff: true,
    maxRetryDelay: "5s",
  }, (ctx) => {
    if (ctx.tryNumber === 1) throw new Error("the first try fails; the retry waits with backoff");
    return "done";
  });
  chain(flaky, backoff);
});
