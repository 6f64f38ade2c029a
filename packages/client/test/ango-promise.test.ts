// What every operation returns: a real Promise of the body, with the response one call away.
import { expect, test } from "vitest";
import { AngoPromise, type ResponseWithData } from "../src/index.js";

function described<T>(data: T, response: Response): ResponseWithData<T> {
  return {
    data,
    status: response.status,
    headers: response.headers,
    url: "u",
    requestId: undefined,
    response,
  };
}

test("awaits to the body; withResponse gives the status too, described once however often it is asked", async () => {
  let describedCount = 0;
  const response = new Response(null, { status: 201 });
  const promise = new AngoPromise(Promise.resolve({ data: { id: 1 }, response }), (data, r) => {
    describedCount++;
    return described(data, r);
  });
  expect(promise).toBeInstanceOf(Promise);
  expect(await promise).toEqual({ id: 1 });
  expect(describedCount).toBe(0);
  const first = promise.withResponse();
  expect(promise.withResponse()).toBe(first);
  expect((await first).status).toBe(201);
  expect(describedCount).toBe(1);
});

test("then, catch and finally give plain Promises", () => {
  const promise = new AngoPromise(Promise.resolve({ data: 1, response: new Response(null) }), described);
  const derived = promise.then((value) => value + 1);
  expect(derived).toBeInstanceOf(Promise);
  expect(derived).not.toBeInstanceOf(AngoPromise);
  expect(promise.finally(() => {})).not.toBeInstanceOf(AngoPromise);
});

test("a failure rejects both the body and withResponse with the same error", async () => {
  const failure = new Error("boom");
  const sent = Promise.reject(failure);
  const promise = new AngoPromise<number>(sent, described);
  await expect(promise.withResponse()).rejects.toBe(failure);
  await expect(promise).rejects.toBe(failure);
});
