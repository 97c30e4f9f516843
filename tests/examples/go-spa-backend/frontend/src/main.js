document.querySelector('#app').textContent = 'Hello from the embedded frontend'
