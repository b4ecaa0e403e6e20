import assert from "node:assert/strict";
import {
  describePermissionDenial,
  describePermissions,
  permissionsKey,
  workerPermissions,
} from "./_permissions.ts";

Deno.test("declared permissions become Worker permissions; nothing else is granted", () => {
  assert.deepEqual(workerPermissions({ read: ["/b", "/a", "/a"], net: [] }), {
    read: ["/a", "/b"],
    write: false,
    net: false,
    env: false,
    run: false,
    ffi: false,
    sys: false,
    import: false,
  });
  assert.equal(
    permissionsKey({ read: ["/a", "/b"] }),
    permissionsKey({ read: ["/b", "/a"], env: [] }),
  );
  assert.notEqual(permissionsKey({}), permissionsKey({ env: ["HOME"] }));
  assert.equal(describePermissions({}), "none");
  assert.equal(describePermissions({ env: ["A"], net: ["x:1"] }), 'net: ["x:1"], env: ["A"]');
});

Deno.test("a denied access names what was denied and how to declare it", () => {
  const error = new Deno.errors.NotCapable(
    'Requires read access to "/etc/passwd", run again with the --allow-read flag',
  );
  assert.equal(
    describePermissionDenial(error),
    'Permission denied: read access to "/etc/passwd". Declare it in the task\'s permissions, ' +
      'e.g. permissions: { read: ["/etc/passwd"] }',
  );
  assert.equal(
    describePermissionDenial(
      new TypeError("fetch failed", { cause: new Error('Requires net access to "a.b:443"') }),
    ),
    'Permission denied: net access to "a.b:443". Declare it in the task\'s permissions, ' +
      'e.g. permissions: { net: ["a.b:443"] }',
  );
  assert.equal(
    describePermissionDenial(new Error('Requires sys access to "hostname"')),
    'Permission denied: sys access to "hostname". Tasks cannot be granted sys access.',
  );
  assert.equal(describePermissionDenial(new Error("something else")), null);
});
