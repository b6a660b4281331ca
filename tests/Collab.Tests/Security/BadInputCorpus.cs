namespace Collab.Tests.Security;

/// <summary>The bad-input corpus: every case is refused with a clear error and changes nothing.</summary>
public static class BadInputCorpus
{
    private static readonly string Long121 = new('n', 121);
    private static readonly string Long10001 = new('t', 10_001);
    private const string Sql = "'; DROP TABLE collab_events; --";

    public static readonly BadInputCase[] Cases =
    [
        // Circles: names, enums, JSON shape, media type, size.
        BadInputCase.Http("circle with empty name", "POST", "/api/circles", """{"name":""}""", 400),
        BadInputCase.Http("circle with blank name", "POST", "/api/circles", """{"name":"   "}""", 400),
        BadInputCase.Http("circle name over 120 chars", "POST", "/api/circles", $$"""{"name":"{{Long121}}"}""", 400),
        BadInputCase.Http("circle name with a NUL control char", "POST", "/api/circles", """{"name":"a\u0000b"}""", 400),
        BadInputCase.Http("circle description over 2000 chars", "POST", "/api/circles", $$"""{"name":"x","description":"{{new string('d', 2001)}}"}""", 400),
        BadInputCase.Http("circle visibility not an enum name", "POST", "/api/circles", """{"name":"x","visibility":"Secret"}""", 400),
        BadInputCase.Http("circle visibility out-of-range number", "POST", "/api/circles", """{"name":"x","visibility":99}""", 400),
        BadInputCase.Http("circle name of the wrong type", "POST", "/api/circles", """{"name":5}""", 400),
        BadInputCase.Http("truncated JSON", "POST", "/api/circles", """{"name":"x",""", 400),
        BadInputCase.Http("JSON array instead of object", "POST", "/api/circles", """[{"name":"x"}]""", 400),
        BadInputCase.Http("empty body", "POST", "/api/circles", "", 400),
        BadInputCase.Http("body that is not JSON", "POST", "/api/circles", "name=x", 415),
        BadInputCase.Http("body over the size limit", "POST", "/api/circles", $$"""{"name":"x","description":"{{new string('b', 300_000)}}"}""", 413),
        // Comments.
        BadInputCase.Http("comment with empty text", "POST", "/api/threads/{openThread}/comments", """{"text":""}""", 400),
        BadInputCase.Http("comment with null text", "POST", "/api/threads/{openThread}/comments", """{"text":null}""", 400),
        BadInputCase.Http("comment over 10000 chars", "POST", "/api/threads/{openThread}/comments", $$"""{"text":"{{Long10001}}"}""", 400),
        BadInputCase.Http("comment with a 101-char command id", "POST", "/api/threads/{openThread}/comments", $$"""{"text":"x","commandId":"{{new string('c', 101)}}"}""", 400),
        BadInputCase.Http("comment with a blank command id", "POST", "/api/threads/{openThread}/comments", """{"text":"x","commandId":"  "}""", 400),
        BadInputCase.Http("reply to a negative parent", "POST", "/api/threads/{openThread}/comments", """{"text":"x","parentId":-1}""", 400),
        BadInputCase.Http("reply to a huge parent id", "POST", "/api/threads/{openThread}/comments", """{"text":"x","parentId":9223372036854775807}""", 400),
        BadInputCase.Http("reply to a parent id that overflows", "POST", "/api/threads/{openThread}/comments", """{"text":"x","parentId":99999999999999999999999}""", 400),
        BadInputCase.Http("parent id of the wrong type", "POST", "/api/threads/{openThread}/comments", """{"text":"x","parentId":"abc"}""", 400),
        BadInputCase.Http("comment in a locked... private thread by a stranger", "POST", "/api/threads/{privateThread}/comments", """{"text":"let me in"}""", 403),
        BadInputCase.Http("editing someone else's comment", "PUT", "/api/threads/{openThread}/comments/{ownerComment}", """{"text":"hijacked"}""", 403),
        BadInputCase.Http("editing a comment that does not exist", "PUT", "/api/threads/{openThread}/comments/424242", """{"text":"x"}""", 404),
        BadInputCase.Http("reaction outside the fixed set", "PUT", "/api/threads/{openThread}/comments/{ownerComment}/reactions/%F0%9F%92%A9", null, 400),
        BadInputCase.Http("reaction that is markup", "PUT", "/api/threads/{openThread}/comments/{ownerComment}/reactions/%3Cscript%3E", null, 400),
        BadInputCase.Http("reaction on a comment that does not exist", "PUT", "/api/threads/{openThread}/comments/999/reactions/%F0%9F%91%8D", null, 404),
        // Paging.
        BadInputCase.Http("negative after", "GET", "/api/threads/{openThread}/comments?after=-1", null, 400),
        BadInputCase.Http("zero limit", "GET", "/api/threads/{openThread}/comments?limit=0", null, 400),
        BadInputCase.Http("huge limit", "GET", "/api/threads/{openThread}/comments?limit=100000", null, 400),
        BadInputCase.Http("limit of the wrong type", "GET", "/api/threads/{openThread}/comments?limit=abc", null, 400),
        BadInputCase.Http("after that overflows", "GET", "/api/threads/{openThread}/events?after=99999999999999999999", null, 400),
        // Unknown and malicious ids.
        BadInputCase.Http("unknown circle", "GET", "/api/circles/c-nope", null, 404),
        BadInputCase.Http("path traversal in a thread id", "GET", "/api/threads/..%2F..%2Fetc%2Fpasswd", null, 404),
        BadInputCase.Http("SQL injection in a thread id", "GET", "/api/threads/" + Uri.EscapeDataString(Sql), null, 404),
        BadInputCase.Http("script in a project id", "GET", "/api/projects/%3Cscript%3Ealert(1)%3C%2Fscript%3E", null, 404),
        BadInputCase.Http("SQL injection in a member id", "GET", "/api/members/" + Uri.EscapeDataString(Sql), null, 404),
        BadInputCase.Http("posting to an unknown thread", "POST", "/api/threads/t-nope/comments", """{"text":"x"}""", 404),
        // Authorization with a valid token of another member.
        BadInputCase.Http("reading a private circle", "GET", "/api/circles/{private}", null, 403),
        BadInputCase.Http("reading a private thread", "GET", "/api/threads/{privateThread}/comments", null, 403),
        BadInputCase.Http("reading a private project", "GET", "/api/projects/{privateProject}", null, 403),
        BadInputCase.Http("joining an invite-only circle uninvited", "POST", "/api/circles/{private}/join", "{}", 403),
        BadInputCase.Http("starting a thread in a private circle", "POST", "/api/circles/{private}/threads", """{"title":"x"}""", 403),
        BadInputCase.Http("locking a thread as a member", "PUT", "/api/threads/{openThread}/lock", """{"locked":true}""", 403),
        BadInputCase.Http("promoting oneself to owner", "PUT", "/api/circles/{open}/members/{attackerId}/role", """{"role":"Owner"}""", 403),
        BadInputCase.Http("inviting as a plain member", "POST", "/api/circles/{open}/invitations", """{"memberId":"{ownerId}"}""", 403),
        BadInputCase.Http("changing a private project", "PATCH", "/api/projects/{privateProject}", """{"title":"mine"}""", 403),
        // Projects (as the owner, so only validation can refuse).
        BadInputCase.Http("SDG 0", "PATCH", "/api/projects/{privateProject}", """{"sdgs":[0]}""", 400, "owner"),
        BadInputCase.Http("SDG 18", "PATCH", "/api/projects/{privateProject}", """{"sdgs":[18]}""", 400, "owner"),
        BadInputCase.Http("SDG of the wrong type", "PATCH", "/api/projects/{privateProject}", """{"sdgs":["seven"]}""", 400, "owner"),
        BadInputCase.Http("unknown project status", "PATCH", "/api/projects/{privateProject}", """{"status":"Exploded"}""", 400, "owner"),
        BadInputCase.Http("project title over 120 chars", "PATCH", "/api/projects/{privateProject}", $$"""{"title":"{{Long121}}"}""", 400, "owner"),
        BadInputCase.Http("more than 20 tags", "PATCH", "/api/projects/{privateProject}", $$"""{"tags":[{{string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"t{i}\""))}}]}""", 400, "owner"),
        // Members and sign-in.
        BadInputCase.Http("taking a handle that is taken", "PATCH", "/api/members/me", """{"handle":"{ownerHandle}"}""", 409),
        BadInputCase.Http("a one-letter handle", "PATCH", "/api/members/me", """{"handle":"a"}""", 400),
        BadInputCase.Http("a handle that is markup", "PATCH", "/api/members/me", """{"handle":"<script>"}""", 400),
        BadInputCase.Http("a display name over 80 chars", "PATCH", "/api/members/me", $$"""{"displayName":"{{new string('n', 81)}}"}""", 400),
        BadInputCase.Http("sign-in with a path as handle", "POST", "/auth/dev-token", """{"handle":"../../etc/passwd"}""", 400, "none"),
        BadInputCase.Http("sign-in with SQL as handle", "POST", "/auth/dev-token", """{"handle":"x' OR 1=1 --"}""", 400, "none"),
        BadInputCase.Http("sign-in without a handle", "POST", "/auth/dev-token", "{}", 400, "none"),
        // Tokens.
        BadInputCase.Http("no token", "POST", "/api/threads/{openThread}/comments", """{"text":"x"}""", 401, "none"),
        BadInputCase.Http("expired token", "POST", "/api/threads/{openThread}/comments", """{"text":"x"}""", 401, "expired"),
        BadInputCase.Http("token with a forged signature", "POST", "/api/threads/{openThread}/comments", """{"text":"x"}""", 401, "wrong-signature"),
        BadInputCase.Http("token for another audience", "POST", "/api/threads/{openThread}/comments", """{"text":"x"}""", 401, "wrong-audience"),
        BadInputCase.Http("unsigned token claiming to be the owner", "PUT", "/api/threads/{openThread}/lock", """{"locked":true}""", 401, "unsigned"),
        // The hub.
        BadInputCase.Hub("joining a path as scope", "Join", """["../../etc/passwd", 0]""", "Invalid"),
        BadInputCase.Hub("joining a scope without an id", "Join", """["thread:", 0]""", "Invalid"),
        BadInputCase.Hub("joining with a negative seq", "Join", """["thread:{openThread}", -5]""", "Invalid"),
        BadInputCase.Hub("joining a private thread", "Join", """["thread:{privateThread}", 0]""", "Forbidden"),
        BadInputCase.Hub("joining someone else's inbox", "Join", """["member:{ownerId}", 0]""", "Forbidden"),
        BadInputCase.Hub("hub comment over 10000 chars", "PostComment", $$"""["{openThread}", "{{Long10001}}", null, "c1"]""", "Invalid"),
        BadInputCase.Hub("hub comment without command id", "PostComment", """["{openThread}", "x", null, ""]""", "Invalid"),
        BadInputCase.Hub("hub comment with a 101-char command id", "PostComment", $$"""["{openThread}", "x", null, "{{new string('c', 101)}}"]""", "Invalid"),
        BadInputCase.Hub("hub comment in a private thread", "PostComment", """["{privateThread}", "x", null, "c2"]""", "Forbidden"),
        BadInputCase.Hub("hub edit of someone else's comment", "EditComment", """["{openThread}", {ownerComment}, "hijacked", "c3"]""", "Forbidden"),
        BadInputCase.Hub("hub reaction outside the set", "React", """["{openThread}", {ownerComment}, "💩", "c4"]""", "Invalid"),
        // Co-editing: every class of bad operation, and documents one may not edit.
        BadInputCase.Hub("op retaining past the end", "SubmitOperation", """["{openProject}", 1, [100, "x"], "o1"]""", "Invalid"),
        BadInputCase.Hub("op deleting past the end", "SubmitOperation", """["{openProject}", 1, [{"d": 100}], "o2"]""", "Invalid"),
        BadInputCase.Hub("op with a negative retain", "SubmitOperation", """["{openProject}", 1, [-1, "x"], "o3"]""", "Invalid"),
        BadInputCase.Hub("op with a zero delete", "SubmitOperation", """["{openProject}", 1, [{"d": 0}], "o4"]""", "Invalid"),
        BadInputCase.Hub("op with a fractional retain", "SubmitOperation", """["{openProject}", 1, [1.5, "x"], "o5"]""", "Invalid"),
        BadInputCase.Hub("op that is an object", "SubmitOperation", """["{openProject}", 1, {"insert": "x"}, "o6"]""", "Invalid"),
        BadInputCase.Hub("op with an unknown component", "SubmitOperation", """["{openProject}", 1, [{"x": 1}], "o7"]""", "Invalid"),
        BadInputCase.Hub("op based on a future revision", "SubmitOperation", """["{openProject}", 99, ["x"], "o9"]""", "Invalid"),
        BadInputCase.Hub("op based on a negative revision", "SubmitOperation", """["{openProject}", -1, ["x"], "o10"]""", "Invalid"),
        BadInputCase.Hub("op inserting over 100000 code points", "SubmitOperation", $$"""["{openProject}", 1, ["{{new string('a', 100_001)}}"], "o11"]""", "Invalid"),
        BadInputCase.Hub("op without a client op id", "SubmitOperation", """["{openProject}", 1, ["x"], ""]""", "Invalid"),
        BadInputCase.Hub("op on a private document", "SubmitOperation", """["{privateProject}", 0, ["x"], "o12"]""", "Forbidden"),
        BadInputCase.Hub("opening a private document", "OpenDocument", """["{privateProject}", 0]""", "Forbidden"),
        BadInputCase.Http("restoring a private document", "POST", "/api/documents/{privateProject}/restore", """{"revision":0,"clientOpId":"r1"}""", 403),
        BadInputCase.Http("text at a future revision", "GET", "/api/documents/{openProject}/text?revision=999", null, 400),
        BadInputCase.Http("restoring a future revision", "POST", "/api/documents/{openProject}/restore", """{"revision":999,"clientOpId":"r2"}""", 400),
        BadInputCase.Hub("typing in a scope not joined", "SetActivity", """["thread:{privateThread}", "Typing"]""", "Forbidden"),
    ];
}
