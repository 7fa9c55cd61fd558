"""The /docs page in a real headless browser: fill in add's form, press Try it out, read 30."""
import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

# Debian's chromium and chromium-driver; naming them keeps Selenium from looking anything up online.
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", shutil.which("chromedriver") or "/usr/bin/chromedriver")


@pytest.fixture()
def browser():
    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    yield driver
    driver.quit()


def test_try_it_out_returns_30(base_url, browser):
    browser.get(base_url + "/docs")
    assert "Adds two integers." in browser.find_element(By.ID, "add").text
    for name, value in (("a", "10"), ("b", "20")):
        field = browser.find_element(By.ID, "add-" + name)
        field.clear()
        field.send_keys(value)
    browser.find_element(By.ID, "add-try").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_element(By.ID, "add-body").text != "")
    assert browser.find_element(By.ID, "add-body").text == "30"
    assert browser.find_element(By.ID, "add-status").text.startswith("200")
    curl = browser.find_element(By.ID, "add-curl").text
    assert "add?a=10&b=20" in curl


def test_try_it_out_shows_errors(base_url, browser):
    browser.get(base_url + "/docs")
    browser.find_element(By.ID, "add-a").clear()
    browser.find_element(By.ID, "add-try").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_element(By.ID, "add-status").text != "")
    assert browser.find_element(By.ID, "add-status").text.startswith("422")
    assert "'a' is missing" in browser.find_element(By.ID, "add-body").text


def test_docs_page_loads_nothing_from_elsewhere(base_url, browser):
    browser.get(base_url + "/docs")
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
    assert [r for r in resources if not r.startswith(base_url)] == []
