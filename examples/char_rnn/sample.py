import argparse
import os
import pickle

import tensorflow as tf

from model import Model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--save_dir', type=str, default='save')
    parser.add_argument('-n', type=int, default=24, help='number of characters to sample')
    parser.add_argument('--prime', type=str, default='t')
    args = parser.parse_args()
    sample(args)


def sample(args):
    with open(os.path.join(args.save_dir, 'config.pkl'), 'rb') as f:
        saved_args = pickle.load(f)
    with open(os.path.join(args.save_dir, 'chars_vocab.pkl'), 'rb') as f:
        chars, vocab = pickle.load(f)
    saved_args.seq_length = args.n
    model = Model(saved_args, training=False)
    with tf.Session() as sess:
        tf.global_variables_initializer().run()
        saver = tf.train.Saver(tf.global_variables())
        ckpt = tf.train.get_checkpoint_state(args.save_dir)
        if ckpt and ckpt.model_checkpoint_path:
            saver.restore(sess, ckpt.model_checkpoint_path)
            print("restored {}".format(ckpt.model_checkpoint_path))
            tokens, text = model.sample(sess, chars, vocab, args.prime)
            print("tokens: " + " ".join(str(t) for t in tokens))
            print("sample: " + repr(text))


if __name__ == '__main__':
    main()
