import {describe, expect, it} from "vitest";
import {listObjects, parseListPage, xmlText} from "../../../data-loaders/source/s3-list.js";

const page = (contents: string, tail = "<IsTruncated>false</IsTruncated>") =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>${tail}${contents}</ListBucketResult>`;
const item = (key: string, size: number, etag = "&quot;0123456789abcdef0123456789abcdef&quot;") =>
  `<Contents><Key>${key}</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>${etag}</ETag><Size>${size}</Size></Contents>`;

describe("parseListPage", () => {
  it("reads keys, sizes and ETags, decoding XML references", () => {
    expect(
      parseListPage(page(item("a&amp;b.json", 3) + item("c&#233;.json", 0, "&quot;x-2&quot;")), "s3://b/")
    ).toEqual({
      objects: [
        {key: "a&b.json", bytes: 3, etag: '"0123456789abcdef0123456789abcdef"'},
        {key: "cé.json", bytes: 0, etag: '"x-2"'}
      ]
    });
  });

  it("decodes url-encoded keys, with + for a space as AWS writes them", () => {
    const xml = page(
      item("runs/a+b%2Bc%C3%A9.json", 1),
      "<EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>"
    );
    expect(parseListPage(xml, "s3://b/").objects[0].key).toBe("runs/a b+cé.json");
  });

  it("gives the next token of a truncated page, and refuses a truncated page without one", () => {
    const more = "<IsTruncated>true</IsTruncated><NextContinuationToken>tok/en=</NextContinuationToken>";
    expect(parseListPage(page(item("a", 1), more), "s3://b/").next).toBe("tok/en=");
    expect(() => parseListPage(page(item("a", 1), "<IsTruncated>true</IsTruncated>"), "s3://b/")).toThrow(
      "s3://b/: the listing is truncated but gives no continuation token"
    );
    expect(() => parseListPage("<Error><Code>x</Code></Error>", "s3://b/")).toThrow("not a ListBucketResult");
    expect(() => parseListPage(page("<Contents><Key>a</Key><Size>-1</Size></Contents>"), "s3://b/")).toThrow(
      "no valid size"
    );
  });

  it("decodes the five entities and numeric references", () => {
    expect(xmlText("&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&unknown;")).toBe(`<>&"'AB&unknown;`);
  });
});

describe("listObjects", () => {
  it("follows continuation tokens until the last page, sending each", async () => {
    const urls: string[] = [];
    const pages = [
      page(
        item("p/a", 1),
        "<IsTruncated>true</IsTruncated><NextContinuationToken>t 1</NextContinuationToken>"
      ),
      page(
        item("p/b", 2),
        "<IsTruncated>true</IsTruncated><NextContinuationToken>t2</NextContinuationToken>"
      ),
      page(item("p/c", 3))
    ];
    const objects = await listObjects(
      async (url) => pages[urls.push(url) - 1],
      "http://h/b",
      "p/",
      "s3://b/p/",
      1
    );
    expect(objects.map((o) => o.key)).toEqual(["p/a", "p/b", "p/c"]);
    expect(urls).toEqual([
      "http://h/b?list-type=2&encoding-type=url&max-keys=1&prefix=p%2F",
      "http://h/b?list-type=2&encoding-type=url&max-keys=1&prefix=p%2F&continuation-token=t%201",
      "http://h/b?list-type=2&encoding-type=url&max-keys=1&prefix=p%2F&continuation-token=t2"
    ]);
  });

  it("stops on a server that hands back the same token", async () => {
    const loop = page(
      item("a", 1),
      "<IsTruncated>true</IsTruncated><NextContinuationToken>same</NextContinuationToken>"
    );
    await expect(listObjects(async () => loop, "http://h/b", "", "s3://b/")).rejects.toThrow(
      "s3://b/: the listing repeats a continuation token"
    );
  });
});
