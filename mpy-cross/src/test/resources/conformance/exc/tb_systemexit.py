import sys
print("exiting")
sys.exit(0)
print("never")
