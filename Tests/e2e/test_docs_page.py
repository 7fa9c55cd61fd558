"""The /docs page in a real headless browser: fill in add's form, press Try it out, read 30."""
import json
import os
import pathlib
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


def test_try_it_out_uploads_a_chosen_image(base_url, browser):
    """The file picker previews the image, Try it out uploads it, and the curl lines name it."""
    sample = str(pathlib.Path(__file__).resolve().parents[2] / "data" / "fashion" / "0002-trouser.png")
    browser.get(base_url + "/docs")
    browser.find_element(By.ID, "fashion-predict-image").send_keys(sample)
    WebDriverWait(browser, 10).until(
        lambda driver: (driver.find_element(By.ID, "fashion-predict-image-preview").get_attribute("src") or "")
        .startswith("data:image/png;base64,"))
    curl = browser.find_element(By.ID, "fashion-predict-curl").text
    assert "-F 'image=@0002-trouser.png'" in curl
    assert "--data-binary '@0002-trouser.png' -H 'Content-Type: image/png'" in curl
    browser.find_element(By.ID, "fashion-predict-try").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_element(By.ID, "fashion-predict-body").text != "")
    assert browser.find_element(By.ID, "fashion-predict-status").text.startswith("200")
    assert '"label": "Trouser"' in browser.find_element(By.ID, "fashion-predict-body").text
    browser.find_element(By.ID, "fashion-predict-try-batch").click()
    WebDriverWait(browser, 10).until(
        lambda driver: "predictions" in driver.find_element(By.ID, "fashion-predict-body").text)
    batch = json.loads(browser.find_element(By.ID, "fashion-predict-body").text)
    assert [prediction["label"] for prediction in batch["predictions"]] == ["Trouser", "Trouser"]
