import assert from "node:assert/strict";
import { childrenNamed, childText, escapeXml, parseXml } from "./_xml.ts";

Deno.test("parseXml reads S3 documents: nesting, entities, CDATA, empty and namespaced elements", () => {
  const document = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Prefix>a&amp;b/</Prefix><Marker/>
  <Contents><Key>a&amp;b/&lt;1&gt; &#233;&#x21;</Key><Size>3</Size></Contents>
  <Contents><Key><![CDATA[a&b/2]]></Key></Contents>
  <CommonPrefixes><Prefix>a&amp;b/c/</Prefix></CommonPrefixes>
  <s3:Extra xmlns:s3="x">y</s3:Extra>
</ListBucketResult>`);
  assert.equal(document.name, "ListBucketResult");
  assert.equal(childText(document, "Prefix"), "a&b/");
  assert.equal(childText(document, "Marker"), "");
  assert.deepEqual(childrenNamed(document, "Contents").map((item) => childText(item, "Key")), [
    "a&b/<1> é!",
    "a&b/2",
  ]);
  assert.equal(childText(childrenNamed(document, "CommonPrefixes")[0], "Prefix"), "a&b/c/");
  assert.equal(childText(document, "Extra"), "y");
  assert.equal(childText(document, "Missing"), undefined);
});

Deno.test("parseXml refuses broken documents; escapeXml escapes what it must", () => {
  assert.throws(() => parseXml("<a><b></a>"), SyntaxError);
  assert.throws(() => parseXml("<a>"), /unclosed element <a>/);
  assert.throws(() => parseXml("just text"), /no root element/);
  assert.equal(
    escapeXml(`<k a="1">'&'</k>`),
    "&lt;k a=&quot;1&quot;&gt;&apos;&amp;&apos;&lt;/k&gt;",
  );
});
