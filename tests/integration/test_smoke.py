def test_home_page_says_what_the_service_is(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Digital maturity self-assessment" in page.get_data(as_text=True)
