from tests.e2e.test_journeys import *  # noqa

def test_probe(page, live_server, manager, founder):
    problems = []
    page.on("console", lambda m: problems.append(("console", m.type, m.text)) if m.type in ("error", "warning") else None)
    page.on("response", lambda r: problems.append(("http", r.status, r.url)) if r.status >= 400 else None)
    page.on("pageerror", lambda e: problems.append(("pageerror", str(e))))
    log_in(page, live_server, MANAGER)
    page.wait_for_url(url(live_server, "/"))
    print("HOME zh:", page.locator("main").inner_text()[:300])
    print("NAV zh:", page.locator("nav").inner_text())
    for p in ["/t/pds/", "/t/pds/members", "/t/pds/profile", "/t/pds/audit", "/t/pds/stages/incubator", "/stages/makerspace", "/account/password"]:
        r = page.goto(p); print(p, r.status, page.title())
    page.screenshot(path="/tmp/e2e_members_zh.png", full_page=True)
    switch_language(page, "en")
    page.goto("/t/pds/members")
    page.screenshot(path="/tmp/e2e_members_en.png", full_page=True)
    page.locator("#main-nav form[action='/logout'] button").click()
    page.wait_for_url("**/login")
    print("LOGIN:", page.locator("main").inner_text()[:300])
    page.goto("/t/pds/"); print("anon tenant ->", page.url)
    print("PROBLEMS", problems)
