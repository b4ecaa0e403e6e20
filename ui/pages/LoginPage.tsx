import { BUTTON, INPUT } from "../components/mod.ts";

/** The login form; `error` says why the last attempt failed. */
export function LoginPage(props: { next: string; error: string | null; username: string }) {
  return (
    <div class="flex min-h-screen items-center justify-center bg-gray-50 text-gray-900 dark:bg-gray-900 dark:text-gray-100">
      <form
        method="post"
        action="/login"
        class="w-80 space-y-3 rounded-lg border border-gray-200 bg-white p-6 shadow dark:border-gray-700 dark:bg-gray-800"
      >
        <h1 class="text-xl font-bold">Sign in to Updraft</h1>
        {props.error && (
          <p role="alert" class="rounded bg-red-100 px-2 py-1 text-sm text-red-900">
            ✕ {props.error}
          </p>
        )}
        <input type="hidden" name="next" value={props.next} />
        <label class="block text-sm">
          Username
          <input
            class={`${INPUT} mt-1 block w-full`}
            name="username"
            autocomplete="username"
            required
            autofocus
            value={props.username}
          />
        </label>
        <label class="block text-sm">
          Password
          <input
            class={`${INPUT} mt-1 block w-full`}
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </label>
        <button type="submit" class={`${BUTTON.primary} w-full justify-center`}>Sign in</button>
      </form>
    </div>
  );
}
