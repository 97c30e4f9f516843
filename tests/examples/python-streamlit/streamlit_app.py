import streamlit as st

st.title("Hello from Streamlit!")
st.write("A one-file app, as `streamlit hello` and Streamlit's getting-started guide write them.")
