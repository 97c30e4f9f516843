import { greeting } from "./greeting.js";

document.querySelector("#app").textContent = greeting(new URLSearchParams(location.search).get("name"));
